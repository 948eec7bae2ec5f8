/** The LRS's Statement Resource over HTTP on both engines: store, fetch, query, page, void, refuse. */
import { createHash, createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { MAX_XAPI_BYTES } from '../../src/server/xapi/index.ts';
import { describeEachEngine } from './engines.ts';
import { ANSWERED, districtWithCredential, lrsClient, problemDetail, statement, VOIDED, type Credential, type LrsClient } from './helpers/xapi.ts';

const EXPERIENCED = 'http://adlnet.gov/expapi/verbs/experienced';

function multipart(statements: unknown, attachments: { content: Buffer; contentType: string; hash?: string; encoding?: string }[]) {
  const boundary = `b-${randomUUID()}`;
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statements)}\r\n`)];
  for (const a of attachments) {
    const hash = a.hash ?? createHash('sha256').update(a.content).digest('hex');
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: ${a.contentType}\r\nContent-Transfer-Encoding: ${a.encoding ?? 'binary'}\r\nX-Experience-API-Hash: ${hash}\r\n\r\n`), a.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--`));
  return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` };
}

function attachmentFor(content: Buffer, usageType = 'https://trellis.example/attachments/work', contentType = 'text/plain') {
  return { usageType, display: { 'en-US': 'Work' }, contentType, length: content.length, sha2: createHash('sha256').update(content).digest('hex') };
}

function jws(payload: unknown, alg: string, privateKey: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg })}.${encode(payload)}`;
  const signer = createSign({ RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' }[alg] ?? 'RSA-SHA256');
  signer.update(input);
  return `${input}.${signer.sign(privateKey).toString('base64url')}`;
}

describeEachEngine('xAPI Statement Resource', (ctx) => {
  let app: FastifyInstance;
  let credential: Credential;
  let lrs: LrsClient;
  beforeAll(async () => {
    app = await buildApp({ db: ctx.db });
    credential = await districtWithCredential(ctx.db, 'Alder');
    lrs = lrsClient(app, credential);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('storing and fetching', () => {
    it('stores a POSTed statement with the id, stored, authority and version the LRS assigns, and returns it by statementId', async () => {
      const sent = statement();
      const posted = await lrs.post('/xapi/statements', sent);
      expect(posted.statusCode).toBe(200);
      expect(posted.headers['x-experience-api-version']).toBe('1.0.3');
      const [id] = posted.json() as string[];
      expect(id).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);

      const fetched = await lrs.get(`/xapi/statements?statementId=${id}`);
      expect(fetched.statusCode).toBe(200);
      expect(Date.parse(String(fetched.headers['x-experience-api-consistent-through']))).toBeGreaterThan(Date.now() - 60_000);
      const got = fetched.json();
      expect(got).toMatchObject({ ...sent, id, version: '1.0.0' });
      expect(got.authority).toEqual({
        objectType: 'Agent',
        name: 'Alder program',
        account: { homePage: 'https://trellis.invalid/integrations', name: credential.key },
      });
      expect(Math.abs(Date.parse(got.stored) - Date.now())).toBeLessThan(60_000);

      const { rows } = await ctx.db.query<Record<string, unknown>>(
        `select district_id::text as district, verb_id, actor_ifi, object_activity_id, registration::text as registration, related_activity_ids, voided_at
         from xapi_statements where id = $1`,
        [id],
      );
      expect(rows).toEqual([
        {
          district: credential.districtId,
          verb_id: ANSWERED,
          actor_ifi: 'account:https://sis.example.org stu-1',
          object_activity_id: 'https://mathpath.example/items/frac-1',
          registration: (sent.context as { registration: string }).registration,
          related_activity_ids: ['https://mathpath.example/items/frac-1'],
          voided_at: null,
        },
      ]);
    });

    it('fills in the timestamp from stored, keeps a given version, and lists a single context activity as an array', async () => {
      const sent = statement({ version: '1.0.3', context: { contextActivities: { parent: { id: 'https://mathpath.example/units/fractions' } } } });
      delete sent.timestamp;
      const [id] = (await lrs.post('/xapi/statements', sent)).json() as string[];
      const got = (await lrs.get(`/xapi/statements?statementId=${id}`)).json();
      expect(got.timestamp).toBe(got.stored);
      expect(got.version).toBe('1.0.3');
      expect(got.context.contextActivities.parent).toEqual([{ id: 'https://mathpath.example/units/fractions' }]);
    });

    it('stores a batch in order, keeping the ids given and assigning the rest', async () => {
      const given = randomUUID();
      const response = await lrs.post('/xapi/statements', [statement({ id: given }), statement(), statement()]);
      expect(response.statusCode).toBe(200);
      const ids = response.json() as string[];
      expect(ids).toHaveLength(3);
      expect(ids[0]).toBe(given);
      expect(new Set(ids).size).toBe(3);
    });

    it('PUTs by statementId (204), accepts the same statement again and refuses a different one with 409', async () => {
      const id = randomUUID();
      const sent = statement();
      expect((await lrs.put(`/xapi/statements?statementId=${id}`, sent)).statusCode).toBe(204);
      expect((await lrs.put(`/xapi/statements?statementId=${id}`, sent)).statusCode).toBe(204);
      // The same statement differently serialised: property order, upper-case UUID, an equivalent timestamp.
      const reordered = Object.fromEntries(Object.entries({ ...sent, id: id.toUpperCase(), timestamp: '2025-03-04T14:05:06.123+00:00' }).reverse());
      expect((await lrs.post('/xapi/statements', [reordered])).statusCode).toBe(200);

      const changed = await lrs.put(`/xapi/statements?statementId=${id}`, { ...sent, result: { success: false } });
      expect(changed.statusCode).toBe(409);
      expect(problemDetail(changed)).toMatch(/different statement/);
      expect((await lrs.post('/xapi/statements', { ...sent, id, verb: { id: EXPERIENCED } })).statusCode).toBe(409);
      const kept = (await lrs.get(`/xapi/statements?statementId=${id}`)).json();
      expect(kept.result.success).toBe(true);
    });

    it('answers requests stored together (group commit) each on its own: a conflict refuses only its own batch', async () => {
      const stored = statement({ id: randomUUID() });
      expect((await lrs.post('/xapi/statements', stored)).statusCode).toBe(200);
      const [a0, a1] = [statement({ id: randomUUID() }), statement({ id: randomUUID() })];
      const a = [a0, a1];
      const batches = {
        a,
        conflictsWithStored: [statement({ id: randomUUID() }), { ...stored, result: { success: false } }],
        repeatsA: [a0, statement({ id: randomUUID() })],
        conflictsWithA: [statement({ id: randomUUID() }), { ...a1, verb: { id: EXPERIENCED } }],
        e: [statement({ id: randomUUID() })],
      };
      // Sent at once: while the first is being stored the others wait, and go in one transaction.
      const responses = await Promise.all(Object.values(batches).map((batch) => lrs.post('/xapi/statements', batch)));
      expect(responses.map((r) => r.statusCode)).toEqual([200, 409, 200, 409, 200]);
      const ids = Object.values(batches).flat().map((s) => s.id as string);
      const { rows } = await ctx.db.query<{ id: string }>('select id::text as id from xapi_statements where id = any($1::uuid[])', [ids]);
      const expected = [...a, stored, ...batches.repeatsA, ...batches.e].map((s) => s.id as string);
      expect(rows.map((r) => r.id).sort()).toEqual([...new Set(expected)].sort());
    });

    it('refuses a PUT without statementId, or whose statement has another id', async () => {
      const missing = await lrs.put('/xapi/statements', statement());
      expect(missing.statusCode).toBe(400);
      expect(problemDetail(missing)).toMatch(/statementId/);
      const other = await lrs.put(`/xapi/statements?statementId=${randomUUID()}`, statement({ id: randomUUID() }));
      expect(other.statusCode).toBe(400);
    });

    it('stores nothing of a batch when one statement is invalid, or when an id repeats', async () => {
      const good = randomUUID();
      const bad = await lrs.post('/xapi/statements', [statement({ id: good }), statement({ verb: { id: 'not an iri' } })]);
      expect(bad.statusCode).toBe(400);
      expect(problemDetail(bad)).toMatch(/^statements\[1\]\.verb\.id must be an absolute IRI/);
      expect((await lrs.get(`/xapi/statements?statementId=${good}`)).statusCode).toBe(404);
      const id = randomUUID();
      const twice = await lrs.post('/xapi/statements', [statement({ id }), statement({ id })]);
      expect(twice.statusCode).toBe(400);
      expect(problemDetail(twice)).toMatch(/more than once/);
    });

    it('refuses a body over the size limit with 413 and stores none of it', async () => {
      const id = randomUUID();
      const head = `[${JSON.stringify(statement({ id }))}`;
      const oversized = `${head}${' '.repeat(MAX_XAPI_BYTES - head.length)}]`;
      const response = await lrs.post('/xapi/statements', oversized);
      expect(response.statusCode).toBe(413);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await lrs.get(`/xapi/statements?statementId=${id}`)).statusCode).toBe(404);
    });

    it('answers HEAD with the headers of GET and no body', async () => {
      const [id] = (await lrs.post('/xapi/statements', statement())).json() as string[];
      const head = await lrs.request('HEAD', `/xapi/statements?statementId=${id}`);
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-type']).toMatch(/application\/json/);
      expect(head.body).toBe('');
    });
  });

  describe('validation', () => {
    const agent = { mbox: 'mailto:ana@example.org' };
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['no actor', { actor: undefined }, /statement\.actor is required/],
      ['an mbox without mailto:', { actor: { mbox: 'ana@example.org' } }, /actor\.mbox must be "mailto:"/],
      ['two identifiers', { actor: { ...agent, openid: 'https://id.example/ana' } }, /exactly one identifier/],
      ['an anonymous group without members', { actor: { objectType: 'Group', name: 'Team' } }, /anonymous Group/],
      ['a verb id that is no IRI', { verb: { id: 'answered' } }, /verb\.id must be an absolute IRI/],
      ['a bad language tag', { verb: { id: ANSWERED, display: { 'english!': 'answered' } } }, /RFC 5646/],
      ['an id that is no UUID', { id: '1234-not-a-uuid' }, /statement\.id must be a UUID/],
      ['a timestamp with the offset -00:00', { timestamp: '2025-03-04T14:05:06.601-00:00' }, /timestamp must be an ISO 8601/],
      ['a date that does not exist', { timestamp: '2025-02-30T10:00:00Z' }, /timestamp/],
      ['a scaled score above 1', { result: { score: { scaled: 1.5 } } }, /scaled must be between -1 and 1/],
      ['a raw score above max', { result: { score: { raw: 11, min: 0, max: 10 } } }, /raw is 11, above max 10/],
      ['a duration mixing weeks and days', { result: { duration: 'P4W1D' } }, /ISO 8601 duration/],
      ['a platform when the object is an Agent', { object: { objectType: 'Agent', ...agent }, context: { platform: 'x' } }, /platform is only allowed when the object is an Activity/],
      ['a revision when the object is a StatementRef', { object: { objectType: 'StatementRef', id: randomUUID() }, context: { revision: '2' } }, /revision is only allowed/],
      ['a team that is not a Group', { context: { team: agent } }, /team\.objectType must be "Group"/],
      [
        'a SubStatement inside a SubStatement',
        { object: { objectType: 'SubStatement', actor: agent, verb: { id: ANSWERED }, object: { objectType: 'SubStatement', actor: agent, verb: { id: ANSWERED }, object: { id: 'https://x.example/a' } } } },
        /SubStatement inside a SubStatement/,
      ],
      ['a SubStatement with an id', { object: { objectType: 'SubStatement', id: randomUUID(), actor: agent, verb: { id: ANSWERED }, object: { id: 'https://x.example/a' } } }, /object\.id is not a property/],
      ['a property xAPI does not define', { mood: 'happy' }, /statement\.mood is not a property/],
      ['a null value', { result: null }, /result must be a Result/],
      ['a voiding verb with an Activity object', { verb: { id: VOIDED } }, /must be a StatementRef/],
      ['choices on a likert interaction', { object: { id: 'https://x.example/q', definition: { interactionType: 'likert', choices: [{ id: 'a' }] } } }, /choices is not allowed for interactionType "likert"/],
      ['repeated interaction component ids', { object: { id: 'https://x.example/q', definition: { interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] } } }, /repeats the id/],
      ['a version that is not 1.0.x', { version: '2.0.0' }, /version must be a 1\.0\.x version/],
      ['an authority group of three agents', { authority: { objectType: 'Group', member: [agent, { mbox: 'mailto:b@example.org' }, { mbox: 'mailto:c@example.org' }] } }, /OAuth/],
      ['an attachment without display', { attachments: [{ usageType: 'https://x.example/u', contentType: 'text/plain', length: 1, sha2: 'a'.repeat(64), fileUrl: 'https://x.example/f' }] }, /display is required/],
    ];
    it.each(cases)('refuses %s with 400 and a message naming the property', async (_name, overrides, message) => {
      const body = statement(overrides);
      for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete body[key];
      const response = await lrs.post('/xapi/statements', body);
      expect(response.statusCode).toBe(400);
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(problemDetail(response)).toMatch(message);
    });

    it('accepts what the rules allow: identified groups, SubStatements, all score bounds, week durations, basic-format timestamps', async () => {
      const response = await lrs.post('/xapi/statements', [
        statement({ actor: { objectType: 'Group', name: 'Team', mbox_sha1sum: 'a'.repeat(40), member: [agent] } }),
        statement({ object: { objectType: 'SubStatement', actor: agent, verb: { id: ANSWERED }, object: { id: 'https://x.example/a' }, context: { platform: 'x' } }, context: {} }),
        statement({ result: { score: { scaled: -1, raw: 0, min: 0, max: 1 }, duration: 'P4W' }, timestamp: '20250304T140506Z' }),
      ]);
      expect(response.statusCode).toBe(200);
    });

    it('requires X-Experience-API-Version 1.0.x on the Statement Resource', async () => {
      const missing = await lrs.get('/xapi/statements', { 'x-experience-api-version': '' });
      expect(missing.statusCode).toBe(400);
      const old = await lrs.get('/xapi/statements', { 'x-experience-api-version': '0.95' });
      expect(old.statusCode).toBe(400);
      expect(problemDetail(old)).toMatch(/0\.95/);
      expect(old.headers['x-experience-api-version']).toBe('1.0.3');
    });

    it('refuses unknown parameters, parameters in the wrong case, and statementId with filters', async () => {
      expect((await lrs.get('/xapi/statements?colour=blue')).statusCode).toBe(400);
      expect((await lrs.get(`/xapi/statements?StatementId=${randomUUID()}`)).statusCode).toBe(400);
      expect((await lrs.get(`/xapi/statements?statementId=${randomUUID()}&verb=${encodeURIComponent(ANSWERED)}`)).statusCode).toBe(400);
      expect((await lrs.get('/xapi/statements?limit=-1')).statusCode).toBe(400);
      expect((await lrs.get('/xapi/statements?agent=ana')).statusCode).toBe(400);
      expect((await lrs.get('/xapi/statements?since=yesterday')).statusCode).toBe(400);
    });
  });

  describe('queries', () => {
    let q: LrsClient;
    const ana = { objectType: 'Agent', mbox: 'mailto:ana@example.org' };
    const ben = { objectType: 'Agent', mbox: 'mailto:ben@example.org' };
    const coach = { objectType: 'Agent', mbox: 'mailto:coach@example.org' };
    const registration = randomUUID();
    const ids: string[] = [];
    let middleStored = '';

    const get = async (query: string, headers?: Record<string, string>) => {
      const response = await q.get(`/xapi/statements?${query}`, headers);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { statements: Record<string, unknown>[]; more: string };
    };
    const idsOf = (result: { statements: Record<string, unknown>[] }) => result.statements.map((s) => s.id);

    beforeAll(async () => {
      // A district of its own, so the queries see exactly these statements.
      q = lrsClient(app, await districtWithCredential(ctx.db, 'Queries'));
      const specs = [
        { actor: ana, verb: { id: ANSWERED }, object: { id: 'https://x.example/q1' }, context: { registration } },
        { actor: ben, verb: { id: ANSWERED }, object: { id: 'https://x.example/q1' } },
        { actor: ana, verb: { id: EXPERIENCED }, object: { id: 'https://x.example/video' }, context: { instructor: coach, contextActivities: { parent: [{ id: 'https://x.example/unit' }] } } },
        { actor: ben, verb: { id: EXPERIENCED }, object: ana },
        { actor: coach, verb: { id: ANSWERED }, object: { objectType: 'SubStatement', actor: ben, verb: { id: ANSWERED }, object: { id: 'https://x.example/q2' } } },
      ];
      for (const [i, spec] of specs.entries()) {
        // One request each, so each has its own stored time.
        const [id] = (await q.post('/xapi/statements', spec)).json() as string[];
        ids.push(id!);
        if (i === 1) middleStored = ((await q.get(`/xapi/statements?statementId=${id}`)).json() as { stored: string }).stored;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });

    it('returns every statement newest first, or oldest first with ascending', async () => {
      expect(idsOf(await get(''))).toEqual([...ids].reverse());
      expect(idsOf(await get('ascending=true'))).toEqual(ids);
    });

    it('filters by agent (actor or object), verb, activity, registration, since and until', async () => {
      const agent = (a: object) => `agent=${encodeURIComponent(JSON.stringify(a))}`;
      expect(idsOf(await get(agent(ana)))).toEqual([ids[3], ids[2], ids[0]]);
      expect(idsOf(await get(`${agent(ben)}&verb=${encodeURIComponent(ANSWERED)}`))).toEqual([ids[1]]);
      expect(idsOf(await get(`activity=${encodeURIComponent('https://x.example/q1')}`))).toEqual([ids[1], ids[0]]);
      expect(idsOf(await get(`registration=${registration.toUpperCase()}`))).toEqual([ids[0]]);
      expect(idsOf(await get(`since=${encodeURIComponent(middleStored)}&ascending=true`))).toEqual(ids.slice(2));
      expect(idsOf(await get(`until=${encodeURIComponent(middleStored)}&ascending=true`))).toEqual(ids.slice(0, 2));
    });

    it('widens agent and activity filters with related_agents and related_activities', async () => {
      const coachQuery = `agent=${encodeURIComponent(JSON.stringify(coach))}`;
      expect(idsOf(await get(coachQuery))).toEqual([ids[4]]);
      expect(idsOf(await get(`${coachQuery}&related_agents=true`))).toEqual([ids[4], ids[2]]);
      const benQuery = `agent=${encodeURIComponent(JSON.stringify(ben))}&related_agents=true`;
      expect(idsOf(await get(benQuery))).toEqual([ids[4], ids[3], ids[1]]);
      expect(idsOf(await get(`activity=${encodeURIComponent('https://x.example/unit')}`))).toEqual([]);
      expect(idsOf(await get(`activity=${encodeURIComponent('https://x.example/unit')}&related_activities=true`))).toEqual([ids[2]]);
      expect(idsOf(await get(`activity=${encodeURIComponent('https://x.example/q2')}&related_activities=true`))).toEqual([ids[4]]);
    });

    it('pages with limit and a more URL that continues the same query until it is empty', async () => {
      const seen: unknown[] = [];
      let page = await get('limit=2&ascending=true');
      for (let guard = 0; guard < 10; guard++) {
        seen.push(...idsOf(page));
        expect(page.statements.length).toBeLessThanOrEqual(2);
        if (!page.more) break;
        expect(page.more).toMatch(/^\/xapi\/statements\?more=/);
        // New statements arriving while paging do not disturb the pages already counted.
        const response = await q.get(page.more);
        expect(response.statusCode).toBe(200);
        page = response.json();
      }
      expect(seen).toEqual(ids);
      expect(page.more).toBe('');
      expect((await q.get('/xapi/statements?more=garbage')).statusCode).toBe(400);
    });

    it('returns ids-only and canonical (one language, by Accept-Language) formats', async () => {
      const [id] = (await q.post('/xapi/statements', statement({ actor: { ...ana, name: 'Ana' } }))).json() as string[];
      const ids = (await q.get(`/xapi/statements?statementId=${id}&format=ids`)).json();
      expect(ids.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:ana@example.org' });
      expect(ids.verb).toEqual({ id: ANSWERED });
      expect(ids.object).toEqual({ id: 'https://mathpath.example/items/frac-1' });
      const canonical = (await q.get(`/xapi/statements?statementId=${id}&format=canonical`, { 'accept-language': 'es-MX, en;q=0.5' })).json();
      expect(canonical.verb.display).toEqual({ 'es-ES': 'respondió' });
      expect(canonical.object.definition.name).toEqual({ 'en-US': 'Fractions 1' });
      const exact = (await q.get(`/xapi/statements?statementId=${id}`, { 'accept-language': 'es' })).json();
      expect(exact.verb.display).toEqual({ 'en-US': 'answered', 'es-ES': 'respondió' });
      expect((await q.get('/xapi/statements?format=short')).statusCode).toBe(400);
    });
  });

  describe('voiding', () => {
    it('hides a voided statement from statementId and queries, shows it by voidedStatementId, and keeps statements about it', async () => {
      const v = lrsClient(app, await districtWithCredential(ctx.db, 'Voiding'));
      const [target] = (await v.post('/xapi/statements', statement({ verb: { id: EXPERIENCED } }))).json() as string[];
      const [reference] = (await v.post('/xapi/statements', statement({ object: { objectType: 'StatementRef', id: target }, context: {} }))).json() as string[];
      const [voiding] = (await v.post('/xapi/statements', statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: target }, context: {} }))).json() as string[];

      expect((await v.get(`/xapi/statements?statementId=${target}`)).statusCode).toBe(404);
      const voided = await v.get(`/xapi/statements?voidedStatementId=${target}`);
      expect(voided.statusCode).toBe(200);
      expect(voided.json().id).toBe(target);
      expect((await v.get(`/xapi/statements?voidedStatementId=${reference}`)).statusCode).toBe(404);

      const all = (await v.get('/xapi/statements')).json() as { statements: { id: string }[] };
      expect(all.statements.map((s) => s.id)).toEqual([voiding, reference]);
      // Statements targeting a statement that matches the filter match too, even when it is voided.
      const byVerb = (await v.get(`/xapi/statements?verb=${encodeURIComponent(EXPERIENCED)}`)).json() as { statements: { id: string }[] };
      expect(byVerb.statements.map((s) => s.id)).toEqual([voiding, reference]);

      // A voiding statement cannot be voided; voiding the voided one again changes nothing.
      await v.post('/xapi/statements', statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: voiding }, context: {} }));
      expect((await v.get(`/xapi/statements?statementId=${voiding}`)).statusCode).toBe(200);
      const { rows } = await ctx.db.query<{ voided_at: Date }>('select voided_at from xapi_statements where id = $1', [target]);
      expect(rows[0]!.voided_at).toBeInstanceOf(Date);
    });

    it('stores a statement voided when its voiding statement arrived first', async () => {
      const id = randomUUID();
      await lrs.post('/xapi/statements', statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id }, context: {} }));
      expect((await lrs.put(`/xapi/statements?statementId=${id}`, statement())).statusCode).toBe(204);
      expect((await lrs.get(`/xapi/statements?statementId=${id}`)).statusCode).toBe(404);
      expect((await lrs.get(`/xapi/statements?voidedStatementId=${id}`)).statusCode).toBe(200);
    });
  });

  describe('attachments and signatures', () => {
    it('stores attachments sent as multipart/mixed and returns them with attachments=true', async () => {
      const content = Buffer.from('My working: 1/2 + 1/4 = 3/4\n');
      const sent = statement({ attachments: [attachmentFor(content)] });
      const { body, contentType } = multipart(sent, [{ content, contentType: 'text/plain' }]);
      const posted = await lrs.post('/xapi/statements', body, { 'content-type': contentType });
      expect(posted.statusCode, posted.body).toBe(200);
      const [id] = posted.json() as string[];

      const plain = await lrs.get(`/xapi/statements?statementId=${id}`);
      expect(plain.headers['content-type']).toMatch(/^application\/json/);
      const withParts = await lrs.get(`/xapi/statements?statementId=${id}&attachments=true`);
      expect(withParts.headers['content-type']).toMatch(/^multipart\/mixed; boundary=/);
      const sha2 = createHash('sha256').update(content).digest('hex');
      expect(withParts.body).toContain(`"id":"${id}"`);
      expect(withParts.body).toContain(`X-Experience-API-Hash: ${sha2}\r\n\r\n${content.toString()}`);
    });

    it('refuses a missing part, a part whose hash is wrong, a part no statement declares, and parts not in binary', async () => {
      const content = Buffer.from('evidence');
      const sent = statement({ attachments: [attachmentFor(content)] });
      const missing = await lrs.post('/xapi/statements', sent);
      expect(missing.statusCode).toBe(400);
      expect(problemDetail(missing)).toMatch(/no fileUrl and no part/);
      const wrongHash = multipart(sent, [{ content: Buffer.from('other'), contentType: 'text/plain', hash: createHash('sha256').update(content).digest('hex') }]);
      expect((await lrs.post('/xapi/statements', wrongHash.body, { 'content-type': wrongHash.contentType })).statusCode).toBe(400);
      const extra = multipart(sent, [{ content, contentType: 'text/plain' }, { content: Buffer.from('extra'), contentType: 'text/plain' }]);
      const extraResponse = await lrs.post('/xapi/statements', extra.body, { 'content-type': extra.contentType });
      expect(extraResponse.statusCode).toBe(400);
      expect(problemDetail(extraResponse)).toMatch(/belongs to no statement/);
      const base64 = multipart(sent, [{ content, contentType: 'text/plain', encoding: 'base64' }]);
      expect((await lrs.post('/xapi/statements', base64.body, { 'content-type': base64.contentType })).statusCode).toBe(400);
      const noBoundary = await lrs.post('/xapi/statements', Buffer.from('x'), { 'content-type': 'multipart/mixed' });
      expect(noBoundary.statusCode).toBe(400);
    });

    it('accepts a statement signed with RS256, and refuses another algorithm or a payload that differs', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
      const send = (sent: Record<string, unknown>, signed: unknown, alg: string) => {
        const signature = Buffer.from(jws(signed, alg, pem));
        const withSignature = { ...sent, attachments: [attachmentFor(signature, 'http://adlnet.gov/expapi/attachments/signature', 'application/octet-stream')] };
        const { body, contentType } = multipart(withSignature, [{ content: signature, contentType: 'application/octet-stream' }]);
        return lrs.post('/xapi/statements', body, { 'content-type': contentType });
      };
      const sent = statement({ id: randomUUID() });
      expect((await send(sent, sent, 'RS256')).statusCode).toBe(200);
      const other = statement({ id: randomUUID() });
      const tampered = await send(other, { ...other, result: { success: false } }, 'RS256');
      expect(tampered.statusCode).toBe(400);
      expect(problemDetail(tampered)).toMatch(/differs/);
      const hs = await send(statement(), statement(), 'HS256');
      expect(hs.statusCode).toBe(400);
      expect(problemDetail(hs)).toMatch(/RS256, RS384 or RS512/);
    });
  });

  describe('alternate request syntax', () => {
    it('takes a PUT or a GET as a form POST with the headers and parameters in the form', async () => {
      const id = randomUUID();
      const form = new URLSearchParams({
        statementId: id,
        content: JSON.stringify(statement()),
        'X-Experience-API-Version': '1.0.3',
        Authorization: `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`,
      });
      const put = await app.inject({ method: 'POST', url: '/xapi/statements?method=PUT', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
      expect(put.statusCode, put.body).toBe(204);
      const get = await lrs.post('/xapi/statements?method=GET', new URLSearchParams({ statementId: id }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      expect(get.statusCode).toBe(200);
      expect(get.json().id).toBe(id);
      const extra = await lrs.post(`/xapi/statements?method=GET&statementId=${id}`, '', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(extra.statusCode).toBe(400);
      const notPost = await lrs.put('/xapi/statements?method=POST', form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      expect(notPost.statusCode).toBe(400);
    });
  });
});
