import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';
import { signIn, type Caller } from './fixtures/session.ts';

interface Client extends Caller {
  send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  raw(url: string): Promise<LightMyRequestResponse>;
}

async function client(app: FastifyInstance, email: string): Promise<Client> {
  const caller = await signIn(app, email);
  return {
    ...caller,
    send: (method, url, body) =>
      app.inject({ method, url, headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken }, ...(body === undefined ? {} : { payload: body as object }) }),
    raw: (url) => app.inject({ method: 'GET', url, headers: { cookie: caller.cookie } }),
  };
}

/** The text a PDF shows: each page stream inflated, and the hex strings pdfkit writes for the standard fonts decoded. */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const texts: string[] = [];
  for (const match of source.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      texts.push([...op[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
    }
  }
  return texts.join('\n');
}

const BASE = '/api/improvement/projects';

describeEachEngine('API improvement reports', (ctx) => {
  let app: FastifyInstance;
  let leader: Client;
  let tutor: Client;
  let projectId: string;

  beforeAll(async () => {
    await seedDistricts(ctx.db);
    app = await buildApp({ db: ctx.db });
    [leader, tutor] = await Promise.all([client(app, 'leader@a.test'), client(app, 'tutor@a.test')]);
    const project = await leader.send('POST', BASE, {
      title: 'Monday arrivals',
      job: 'correct',
      scope: { kind: 'team', id: 'team-n3a' },
      aim: { what: 'on-time arrival', forWhom: 'grade 3 students', howMuch: 'from 80% to 92%', byWhen: '2026-06-01' },
    });
    projectId = project.json().id;
    const measure = (await leader.send('POST', `${BASE}/${projectId}/measures`, { kind: 'outcome', name: 'On-time arrival', operationalDefinition: 'Arrived by 8:05' })).json();
    const values = Array.from({ length: 16 }, (_, i) => ({ x: `2025-${String(9 + Math.floor(i / 4)).padStart(2, '0')}-${String(1 + (i % 4) * 7).padStart(2, '0')}`, y: i < 8 ? 80 + (i % 3) : 90 + (i % 2) }));
    expect((await leader.send('PUT', `${BASE}/${projectId}/measures/${measure.id}/values`, { values })).statusCode).toBe(200);
    const aim = (await leader.send('POST', `${BASE}/${projectId}/driver-diagram/nodes`, { parentId: null, text: 'On-time arrival' })).json();
    const aimId = aim.createdId ?? aim.nodes[0].id;
    const primary = (await leader.send('POST', `${BASE}/${projectId}/driver-diagram/nodes`, { parentId: aimId, text: 'Families plan the morning' })).json().createdId;
    const idea = (await leader.send('POST', `${BASE}/${projectId}/change-ideas`, { title: 'Text reminders on Sunday evening' })).json();
    expect(primary).toBeTruthy();
    await ctx.db.query('update improvement_change_ideas set parent_node_id = $1 where id = $2', [primary, idea.id]);
    const cycle = await leader.send('POST', `${BASE}/${projectId}/cycles`, {
      title: 'Reminders for 10 families',
      changeIdeaId: idea.id,
      measureId: measure.id,
      plan: { question: 'Do reminders help?', prediction: '8 of 10 arrive on time' },
      do: { startedOn: '2025-10-27' },
      study: { results: '9 of 10 arrived on time' },
      act: { decision: 'adopt', nextStep: 'all grade 3 families' },
    });
    expect(cycle.statusCode).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('gives the one-page summary: aim, driver diagram, outcome chart with the cycle, cycles, latest learning', async () => {
    const response = await leader.get(`${BASE}/${projectId}/summary`);
    expect(response.statusCode).toBe(200);
    const summary = response.json();
    expect(summary).toMatchObject({
      title: 'Monday arrivals',
      job: 'Correct',
      status: 'active',
      aimSentence: 'We will improve on-time arrival for grade 3 students from 80% to 92% by 1 June 2026.',
      outcome: { name: 'On-time arrival' },
    });
    expect(summary.driverOutline[0]).toMatchObject({ kind: 'aim', children: [{ kind: 'primary', text: 'Families plan the morning' }] });
    expect(summary.outcome.svg).toContain('<svg');
    expect(summary.outcome.svg).toContain('PDSA: Reminders for 10 families');
    expect(summary.cycles[0]).toMatchObject({ title: 'Reminders for 10 families', prediction: '8 of 10 arrive on time', results: '9 of 10 arrived on time', decision: 'adopt' });
    expect(summary.latest.length).toBeGreaterThan(0);
    expect(summary.latest.length).toBeLessThanOrEqual(5);
  });

  it('exports the summary as a one-page PDF a reader can open', async () => {
    const response = await leader.raw(`${BASE}/${projectId}/summary.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="monday-arrivals-summary.pdf"');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const text = pdfText(pdf);
    expect(text).toContain('Monday arrivals');
    expect(text).toContain('grade 3 students from 80% to 92% by 1 June 2026');
    expect(text).toContain('Prediction: 8 of 10 arrive on time');
    expect(text).toContain('Families plan the morning');
    const letter = await leader.raw(`${BASE}/${projectId}/summary.pdf?paper=letter`);
    expect(letter.rawPayload.toString('latin1')).toContain('/MediaBox [0 0 612 792]');
    expect((await leader.raw(`${BASE}/${projectId}/summary.pdf?paper=a3`)).statusCode).toBe(400);
  });

  it('exports the change package as Markdown', async () => {
    const response = await leader.raw(`${BASE}/${projectId}/change-package.md`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    const markdown = response.body;
    expect(markdown).toContain('# Change package: Monday arrivals');
    expect(markdown).toContain('### 1. Text reminders on Sunday evening\n\n**Driver path:** Families plan the morning');
    expect(markdown).toContain('| Reminders for 10 families | classroom | 27 October 2025 | 8 of 10 arrive on time | 9 of 10 arrived on time | Adopt: all grade 3 families |');
    expect(markdown).toMatch(/- \*\*On-time arrival\*\* \(outcome\): latest 91 on 22 December 2025\. 8 points in a row below the median/);
  });

  it('hides every report of a project outside the caller’s scope', async () => {
    for (const url of ['summary', 'summary.pdf', 'change-package.md']) {
      expect((await tutor.raw(`${BASE}/${projectId}/${url}`)).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `${BASE}/${projectId}/${url}` })).statusCode).toBe(401);
    }
  });
});
