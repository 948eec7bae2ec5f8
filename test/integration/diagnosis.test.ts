import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outlineOrder, validateTree, type DriverNode } from '../../src/core/diagnosis/driverTree.ts';
import { DEFAULT_FISHBONE_CATEGORIES } from '../../src/core/diagnosis/fishbone.ts';
import type { Database } from '../../src/db/database.ts';
import { insertMember, insertProject } from '../../src/db/improvement.ts';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';
import { signIn } from './fixtures/session.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Client {
  send(method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

async function client(app: FastifyInstance, email: string): Promise<Client> {
  const caller = await signIn(app, email);
  return {
    send: (method, url, payload) =>
      app.inject({ method, url, headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken }, ...(payload === undefined ? {} : { payload: payload as object }) }),
  };
}

async function accountOf(db: Database, email: string): Promise<{ id: string; districtId: string }> {
  const { rows } = await db.query<{ id: string; districtId: string }>('select id, district_id as "districtId" from accounts where email = $1', [email]);
  return rows[0]!;
}

/** A project started by `email` (its lead), with `members` (emails) on it too: members may change a project. */
async function newProject(db: Database, email: string, scope: { kind: 'team' | 'school' | 'district'; id: string | null }, title = 'Reading on track', members: string[] = []): Promise<string> {
  const account = await accountOf(db, email);
  const id = await insertProject(db, account.districtId, account.id, {
    title,
    job: 'correct',
    aim: { what: 'reading', forWhom: 'grade 3', howMuch: 'from 60% to 80%', byWhen: '2026-06-01' },
    scope,
  });
  for (const [i, who] of [email, ...members].entries()) {
    const member = await accountOf(db, who);
    await insertMember(db, account.districtId, id, { userSourcedId: null, accountId: member.id, role: i === 0 ? 'lead' : 'member', department: null });
  }
  return id;
}

function expectProblem(response: LightMyRequestResponse, status: number, detail?: RegExp) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  if (detail) expect(response.json().detail).toMatch(detail);
}

describeEachEngine('API diagnosis and driver diagram', (ctx) => {
  let app: FastifyInstance;
  let leader: Client;
  let teacher: Client;
  let tutor: Client;
  let student: Client;
  let otherDistrict: Client;
  let project: string;
  let base: string;

  beforeAll(async () => {
    await seedDistricts(ctx.db);
    app = await buildApp({ db: ctx.db });
    project = await newProject(ctx.db, 'leader@a.test', { kind: 'team', id: 'team-n3a' }, 'Reading on track', ['teacher@a.test']);
    base = `/api/improvement/projects/${project}`;
    leader = await client(app, 'leader@a.test');
    teacher = await client(app, 'teacher@a.test');
    tutor = await client(app, 'tutor@a.test');
    student = await client(app, 'student@a.test');
    otherDistrict = await client(app, 'admin@b.test');
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('fishbone', () => {
    it('starts with the default categories, once', async () => {
      const first = (await leader.send('GET', `${base}/fishbone`)).json();
      expect(first.categories.map((c: { name: string }) => c.name)).toEqual([...DEFAULT_FISHBONE_CATEGORIES]);
      const again = (await teacher.send('GET', `${base}/fishbone`)).json();
      expect(again.categories).toHaveLength(DEFAULT_FISHBONE_CATEGORIES.length);
    });

    it('adds causes, counts one vote per account, toggles, and sorts by votes', async () => {
      const fishbone = (await leader.send('GET', `${base}/fishbone`)).json();
      const schedules = fishbone.categories.find((c: { name: string }) => c.name === 'Schedules').id;
      const a = await leader.send('POST', `${base}/fishbone/causes`, { categoryId: schedules, text: '  No common planning time ' });
      expect(a.statusCode).toBe(201);
      const aId = a.json().createdId;
      const bId = (await leader.send('POST', `${base}/fishbone/causes`, { categoryId: schedules, text: 'Tutoring slots clash with lunch' })).json().createdId;

      await teacher.send('PUT', `${base}/fishbone/causes/${bId}/vote`);
      await teacher.send('PUT', `${base}/fishbone/causes/${bId}/vote`); // the same account again: still one vote
      const voted = (await leader.send('PUT', `${base}/fishbone/causes/${bId}/vote`)).json();
      const causes = voted.categories.find((c: { id: string }) => c.id === schedules).causes;
      expect(causes.map((c: { id: string; votes: number; votedByMe: boolean; text: string }) => [c.text, c.votes, c.votedByMe])).toEqual([
        ['Tutoring slots clash with lunch', 2, true],
        ['No common planning time', 0, false],
      ]);

      await leader.send('DELETE', `${base}/fishbone/causes/${bId}/vote`);
      await teacher.send('DELETE', `${base}/fishbone/causes/${bId}/vote`);
      await teacher.send('PUT', `${base}/fishbone/causes/${aId}/vote`);
      const after = (await teacher.send('GET', `${base}/fishbone`)).json();
      expect(after.categories.find((c: { id: string }) => c.id === schedules).causes.map((c: { id: string; votes: number }) => [c.id, c.votes])).toEqual([
        [aId, 1],
        [bId, 0],
      ]);
    });

    it('renames, reorders and deletes categories', async () => {
      const fishbone = (await leader.send('GET', `${base}/fishbone`)).json();
      const environment = fishbone.categories.at(-1).id;
      const moved = (await leader.send('PATCH', `${base}/fishbone/categories/${environment}`, { name: 'Building', position: 0 })).json();
      expect(moved.categories.map((c: { name: string; position: number }) => `${c.position}:${c.name}`).slice(0, 2)).toEqual(['0:Building', '1:People']);
      const added = await leader.send('POST', `${base}/fishbone/categories`, { name: 'Family' });
      expect(added.statusCode).toBe(201);
      const deleted = (await leader.send('DELETE', `${base}/fishbone/categories/${added.json().createdId}`)).json();
      expect(deleted.categories.map((c: { position: number }) => c.position)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('refuses blank text, unknown categories and causes of another project', async () => {
      const other = await newProject(ctx.db, 'leader@a.test', { kind: 'team', id: 'team-n3a' }, 'Another');
      const otherCategory = (await leader.send('GET', `/api/improvement/projects/${other}/fishbone`)).json().categories[0].id;
      expectProblem(await leader.send('POST', `${base}/fishbone/causes`, { categoryId: otherCategory, text: 'x' }), 400, /not part of this project/);
      const mine = (await leader.send('GET', `${base}/fishbone`)).json().categories[0].id;
      expectProblem(await leader.send('POST', `${base}/fishbone/causes`, { categoryId: mine, text: '   ' }), 400, /must not be blank/);
      expectProblem(await leader.send('POST', `${base}/fishbone/causes`, { categoryId: mine }), 400, /"text" is required/);
      expectProblem(await leader.send('PUT', `${base}/fishbone/causes/${otherCategory}/vote`), 404);
      expectProblem(await leader.send('PATCH', `${base}/fishbone/categories/${mine}`, {}), 400);
      expectProblem(await leader.send('GET', `/api/improvement/projects/not-a-uuid/fishbone`), 400);
    });
  });

  describe('five whys', () => {
    it('chains questions and answers in order, to a root cause', async () => {
      const chain = (await leader.send('POST', `${base}/five-whys`, { problem: 'Tutoring seats are empty' })).json().createdId;
      for (const [question, answer] of [
        ['Why are seats empty?', 'Students do not come'],
        ['Why do they not come?', 'They do not know their slot'],
        ['Why not?', 'Slots are posted on Monday only'],
      ]) {
        expect((await leader.send('POST', `${base}/five-whys/${chain}/steps`, { question, answer })).statusCode).toBe(201);
      }
      const second = (await leader.send('GET', `${base}/five-whys`)).json().chains[0].steps[1].id;
      await leader.send('DELETE', `${base}/five-whys/${chain}/steps/${second}`);
      const done = (await leader.send('PATCH', `${base}/five-whys/${chain}`, { rootCause: 'No daily way to tell students their slot' })).json();
      expect(done.chains).toEqual([
        {
          id: chain,
          problem: 'Tutoring seats are empty',
          rootCause: 'No daily way to tell students their slot',
          steps: [
            expect.objectContaining({ position: 0, question: 'Why are seats empty?', answer: 'Students do not come' }),
            expect.objectContaining({ position: 1, question: 'Why not?', answer: 'Slots are posted on Monday only' }),
          ],
        },
      ]);
      expectProblem(await leader.send('DELETE', `${base}/five-whys/${chain}/steps/${second}`), 404);
    });
  });

  describe('process map', () => {
    it('keeps steps in order through inserts, moves and deletes', async () => {
      const ids: string[] = [];
      for (const text of ['Request records', 'Placement test', 'Build schedule', 'First class']) {
        ids.push((await leader.send('POST', `${base}/process-map/steps`, { text })).json().createdId);
      }
      const texts = (body: { steps: { text: string; position: number }[] }) => body.steps.map((s) => `${s.position}:${s.text}`);
      const moved = (await leader.send('PATCH', `${base}/process-map/steps/${ids[3]}`, { position: 1 })).json();
      expect(texts(moved)).toEqual(['0:Request records', '1:First class', '2:Placement test', '3:Build schedule']);
      const pained = (await leader.send('PATCH', `${base}/process-map/steps/${ids[0]}`, { painPoints: ['Takes two weeks', ' ', 'Paper forms'] })).json();
      expect(pained.steps[0].painPoints).toEqual(['Takes two weeks', 'Paper forms']);
      const inserted = (await leader.send('POST', `${base}/process-map/steps`, { text: 'Welcome meeting', position: 0 })).json();
      expect(texts(inserted)[0]).toBe('0:Welcome meeting');
      const deleted = (await leader.send('DELETE', `${base}/process-map/steps/${ids[2]}`)).json();
      expect(texts(deleted)).toEqual(['0:Welcome meeting', '1:Request records', '2:First class', '3:Placement test']);
    });
  });

  describe('system interdependency map', () => {
    it('links elements and explains why a fix stalls', async () => {
      const add = async (kind: string, name: string) => (await leader.send('POST', `${base}/system-map/elements`, { kind, name })).json().createdId as string;
      const pd = await add('pd_initiative', 'Differentiation PD push');
      const staffing = await add('staffing_policy', 'Staffing policy');
      const schedule = await add('schedule', 'Schedule');
      const conflict = await leader.send('POST', `${base}/system-map/links`, { fromId: pd, toId: staffing, kind: 'conflicts_with', note: 'no common planning time' });
      expect(conflict.statusCode).toBe(201);
      const map = (await leader.send('POST', `${base}/system-map/links`, { fromId: schedule, toId: staffing, kind: 'depends_on' })).json();
      expect(map.analysis.stalls.find((s: { elementId: string }) => s.elementId === pd).sentence).toBe(
        'Differentiation PD push conflicts with Staffing policy: no common planning time; and Schedule depends on Staffing policy.',
      );
      expect(map.analysis.conflicts).toHaveLength(1);

      expectProblem(await leader.send('POST', `${base}/system-map/links`, { fromId: staffing, toId: pd, kind: 'conflicts_with' }), 409, /already linked/);
      expectProblem(await leader.send('POST', `${base}/system-map/links`, { fromId: pd, toId: pd, kind: 'depends_on' }), 400, /itself/);
      expectProblem(await leader.send('POST', `${base}/system-map/elements`, { kind: 'weather', name: 'Snow days' }), 400);

      const removed = (await leader.send('DELETE', `${base}/system-map/elements/${staffing}`)).json();
      expect(removed.links).toEqual([]);
      expect(removed.analysis.stalls).toEqual([]);
    });
  });

  describe('driver diagram', () => {
    const nodesOf = (body: { nodes: DriverNode[] }) => body.nodes;

    it('builds aim → drivers → change ideas, and each change-idea node becomes a change idea of the project', async () => {
      const aim = (await leader.send('POST', `${base}/driver-diagram/nodes`, { parentId: null, text: '85% on track in reading' })).json().createdId;
      expectProblem(await leader.send('POST', `${base}/driver-diagram/nodes`, { parentId: null, text: 'Second aim' }), 409, /already has an aim/);
      const primary = (await leader.send('POST', `${base}/driver-diagram/nodes`, { parentId: aim, text: 'Reading time that fits' })).json().createdId;
      const secondary = (await leader.send('POST', `${base}/driver-diagram/nodes`, { parentId: primary, text: 'Small groups' })).json().createdId;
      const body = (await leader.send('POST', `${base}/driver-diagram/nodes`, { parentId: secondary, text: 'Regroup weekly' })).json();
      const idea = body.nodes.find((n: { id: string }) => n.id === body.createdId);
      expect(idea).toMatchObject({ kind: 'change_idea', parentId: secondary, changeIdeas: [{ title: 'Regroup weekly', cycleCount: 0 }] });
      const { rows } = await ctx.db.query<{ parent: string }>('select parent_node_id as parent from improvement_change_ideas where id = $1', [idea.changeIdeas[0].id]);
      expect(rows[0]!.parent).toBe(idea.id);
      expectProblem(await leader.send('POST', `${base}/driver-diagram/nodes`, { parentId: idea.id, text: 'Too deep' }), 409, /levels/);
      expect(nodesOf(body).map((n) => n.kind)).toEqual(['aim', 'primary', 'secondary', 'change_idea']);
    });

    it('moves branches and keeps a valid tree; refuses moves that would break it', async () => {
      const start = nodesOf((await leader.send('GET', `${base}/driver-diagram`)).json());
      const [aim, primary, secondary, idea] = start.map((n) => n.id);
      const p2 = (await leader.send('POST', `${base}/driver-diagram/nodes`, { parentId: aim, text: 'Family partnership' })).json().createdId;

      // outdent the secondary driver (with its change idea) to a primary driver after its parent
      const outdented = nodesOf((await leader.send('PATCH', `${base}/driver-diagram/nodes/${secondary}`, { parentId: aim, position: 1 })).json());
      expect(validateTree(outdented)).toEqual([]);
      expect(outlineOrder(outdented).map(({ node }) => `${node.text}:${node.kind}`)).toEqual([
        '85% on track in reading:aim',
        'Reading time that fits:primary',
        'Small groups:primary',
        'Regroup weekly:secondary',
        'Family partnership:primary',
      ]);
      // move up, then rename
      const up = nodesOf((await leader.send('PATCH', `${base}/driver-diagram/nodes/${p2}`, { position: 0, text: 'Families as partners' })).json());
      expect(up.filter((n) => n.parentId === aim).map((n) => n.text)).toEqual(['Families as partners', 'Reading time that fits', 'Small groups']);

      expectProblem(await leader.send('PATCH', `${base}/driver-diagram/nodes/${secondary}`, { parentId: idea }), 409, /own branch/);
      expectProblem(await leader.send('PATCH', `${base}/driver-diagram/nodes/${aim}`, { parentId: primary }), 409);
      expectProblem(await leader.send('PATCH', `${base}/driver-diagram/nodes/${primary}`, { parentId: null }), 409, /one aim/);
      const still = nodesOf((await leader.send('GET', `${base}/driver-diagram`)).json());
      expect(validateTree(still)).toEqual([]);
      expect(still).toHaveLength(5);
    });

    it('deletes a branch; its change ideas stay, unlinked', async () => {
      const nodes = nodesOf((await leader.send('GET', `${base}/driver-diagram`)).json());
      const smallGroups = nodes.find((n) => n.text === 'Small groups')!;
      const after = nodesOf((await leader.send('DELETE', `${base}/driver-diagram/nodes/${smallGroups.id}`)).json());
      expect(after.map((n) => n.text)).toEqual(['85% on track in reading', 'Families as partners', 'Reading time that fits']);
      expect(after.filter((n) => n.parentId === after[0]!.id).map((n) => n.position)).toEqual([0, 1]);
      const { rows } = await ctx.db.query<{ parent: string | null }>(
        `select parent_node_id as parent from improvement_change_ideas where project_id = $1 and title = 'Regroup weekly'`,
        [project],
      );
      expect(rows).toEqual([{ parent: null }]);
    });
  });

  describe('access', () => {
    it('lets a teammate in, and keeps other teams, students, other districts and anonymous callers out', async () => {
      expect((await teacher.send('GET', `${base}/driver-diagram`)).statusCode).toBe(200);
      expectProblem(await tutor.send('GET', `${base}/fishbone`), 404, /not in your scope/);
      expectProblem(await tutor.send('POST', `${base}/system-map/elements`, { kind: 'other', name: 'x' }), 404);
      expectProblem(await student.send('GET', `${base}/fishbone`), 403);
      expectProblem(await otherDistrict.send('GET', `${base}/five-whys`), 404);
      expectProblem(await otherDistrict.send('DELETE', `${base}/driver-diagram/nodes/${project}`), 404);
      expectProblem(await app.inject({ method: 'GET', url: `${base}/process-map` }), 401);
    });

    it('refuses writes without the CSRF token', async () => {
      const caller = await signIn(app, 'leader@a.test');
      const response = await app.inject({ method: 'POST', url: `${base}/five-whys`, headers: { cookie: caller.cookie }, payload: { problem: 'x' } });
      expectProblem(response, 403, /CSRF/);
    });

    it('does not let ids of another district\'s project reach this one', async () => {
      const foreign = await newProject(ctx.db, 'admin@b.test', { kind: 'district', id: null }, 'B project');
      const foreignBase = `/api/improvement/projects/${foreign}`;
      const element = (await otherDistrict.send('POST', `${foreignBase}/system-map/elements`, { kind: 'schedule', name: 'B schedule' })).json().createdId;
      expect(element).toBeTruthy();
      const mine = (await leader.send('GET', `${base}/system-map`)).json().elements[0].id;
      expectProblem(await leader.send('POST', `${base}/system-map/links`, { fromId: mine, toId: element, kind: 'depends_on' }), 400, /part of this project/);
      expectProblem(await leader.send('DELETE', `${base}/system-map/elements/${element}`), 404);
      expectProblem(await leader.send('GET', `${foreignBase}/system-map`), 404);
    });
  });
});
