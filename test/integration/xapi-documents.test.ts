/** The LRS's document resources (state, activity and agent profiles) and the About, Activities and Agents resources. */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { districtWithCredential, lrsClient, problemDetail, statement, type LrsClient } from './helpers/xapi.ts';

const activityId = 'https://mathpath.example/items/frac-1';
const agent = { objectType: 'Agent', account: { homePage: 'https://sis.example.org', name: 'stu-1' } };
const query = (params: Record<string, string | object>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();

describeEachEngine('xAPI document, activity, agent and about resources', (ctx) => {
  let app: FastifyInstance;
  let lrs: LrsClient;
  beforeAll(async () => {
    app = await buildApp({ db: ctx.db });
    lrs = lrsClient(app, await districtWithCredential(ctx.db, 'Docs'));
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('state', () => {
    const state = (extra: Record<string, string | object> = {}) => `/xapi/activities/state?${query({ activityId, agent, ...extra })}`;

    it('stores, returns (with a quoted sha1 ETag), lists and deletes state documents of any content type', async () => {
      expect((await lrs.put(state({ stateId: 'bookmark' }), 'page-7', { 'content-type': 'text/plain' })).statusCode).toBe(204);
      const got = await lrs.get(state({ stateId: 'bookmark' }));
      expect(got.statusCode).toBe(200);
      expect(got.body).toBe('page-7');
      expect(got.headers['content-type']).toMatch(/^text\/plain/);
      expect(got.headers.etag).toBe(`"${createHash('sha1').update('page-7').digest('hex')}"`);

      await lrs.put(state({ stateId: 'progress' }), { done: 3 });
      // The store keeps microseconds and \`since\` has milliseconds: a document written earlier in the same
      // millisecond is still after it. Let that millisecond pass first.
      await new Promise((resolve) => setTimeout(resolve, 10));
      const since = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 10));
      await lrs.put(state({ stateId: 'settings' }), { sound: false });
      expect((await lrs.get(state())).json()).toEqual(['bookmark', 'progress', 'settings']);
      expect((await lrs.get(state({ since }))).json()).toEqual(['settings']);

      expect((await lrs.delete(state({ stateId: 'bookmark' }))).statusCode).toBe(204);
      expect((await lrs.get(state({ stateId: 'bookmark' }))).statusCode).toBe(404);
      expect((await lrs.delete(state())).statusCode).toBe(204);
      expect((await lrs.get(state())).json()).toEqual([]);
    });

    it('keeps registrations apart', async () => {
      const registration = '8f2bd2c1-1d1e-4b43-9d5b-5a3c2f1e0a77';
      await lrs.put(state({ stateId: 'r', registration }), { in: 'registration' });
      await lrs.put(state({ stateId: 'r' }), { in: 'none' });
      expect((await lrs.get(state({ stateId: 'r', registration }))).json()).toEqual({ in: 'registration' });
      expect((await lrs.get(state({ stateId: 'r' }))).json()).toEqual({ in: 'none' });
    });

    it('merges a JSON POST one level deep into a JSON document, and refuses to merge anything else', async () => {
      await lrs.post(state({ stateId: 'merge' }), { a: 1, nested: { x: 1, y: 2 } });
      expect((await lrs.post(state({ stateId: 'merge' }), { b: 2, nested: { z: 3 } })).statusCode).toBe(204);
      expect((await lrs.get(state({ stateId: 'merge' }))).json()).toEqual({ a: 1, b: 2, nested: { z: 3 } });

      const notJson = await lrs.post(state({ stateId: 'merge' }), 'plain', { 'content-type': 'text/plain' });
      expect(notJson.statusCode).toBe(400);
      const invalid = await lrs.post(state({ stateId: 'merge' }), '{"a":', { 'content-type': 'application/json' });
      expect(invalid.statusCode).toBe(400);
      const array = await lrs.post(state({ stateId: 'merge' }), [1, 2]);
      expect(array.statusCode).toBe(400);
      expect((await lrs.get(state({ stateId: 'merge' }))).json()).toEqual({ a: 1, b: 2, nested: { z: 3 } });

      await lrs.put(state({ stateId: 'text' }), 'words', { 'content-type': 'text/plain' });
      expect((await lrs.post(state({ stateId: 'text' }), { a: 1 })).statusCode).toBe(400);
    });

    it('refuses missing or malformed activityId, agent, registration and since', async () => {
      const cases = [
        `/xapi/activities/state?${query({ agent, stateId: 's' })}`,
        `/xapi/activities/state?${query({ activityId, stateId: 's' })}`,
        `/xapi/activities/state?${query({ activityId, agent: 'ana', stateId: 's' })}`,
        `/xapi/activities/state?${query({ activityId, agent: { name: 'no identifier' }, stateId: 's' })}`,
        state({ stateId: 's', registration: 'not-a-uuid' }),
        state({ since: 'last week' }),
        state({ stateid: 's' }),
      ];
      for (const url of cases) {
        const response = await lrs.get(url);
        expect(response.statusCode, url).toBe(400);
      }
      expect((await lrs.put(state(), { a: 1 })).statusCode).toBe(400);
    });
  });

  describe('profiles', () => {
    const activityProfile = (profileId: string) => `/xapi/activities/profile?${query({ activityId, profileId })}`;
    const agentProfile = (profileId: string) => `/xapi/agents/profile?${query({ agent, profileId })}`;

    it('needs If-None-Match or If-Match to PUT a profile, answers 412 when they fail and 409 when neither is sent', async () => {
      for (const url of [activityProfile('prefs'), agentProfile('prefs')]) {
        expect((await lrs.put(url, { v: 1 })).statusCode).toBe(400);
        expect((await lrs.put(url, { v: 1 }, { 'if-none-match': '*' })).statusCode).toBe(204);
        const etag = String((await lrs.get(url)).headers.etag);
        expect(etag).toMatch(/^"[\da-f]{40}"$/);

        expect((await lrs.put(url, { v: 2 }, { 'if-none-match': '*' })).statusCode).toBe(412);
        expect((await lrs.put(url, { v: 2 }, { 'if-match': '"0000000000000000000000000000000000000000"' })).statusCode).toBe(412);
        const conflict = await lrs.put(url, { v: 2 });
        expect(conflict.statusCode).toBe(409);
        expect(problemDetail(conflict)).toMatch(/If-Match/);
        expect((await lrs.get(url)).json()).toEqual({ v: 1 });

        expect((await lrs.put(url, { v: 2 }, { 'if-match': etag })).statusCode).toBe(204);
        expect((await lrs.get(url)).json()).toEqual({ v: 2 });
        expect((await lrs.delete(url, { 'if-match': etag })).statusCode).toBe(412);
        expect((await lrs.delete(url)).statusCode).toBe(204);
        expect((await lrs.get(url)).statusCode).toBe(404);
      }
    });

    it('lists profile ids, and keeps activity and agent profiles apart', async () => {
      await lrs.post(activityProfile('a1'), { x: 1 });
      await lrs.post(agentProfile('g1'), { x: 1 });
      expect((await lrs.get(`/xapi/activities/profile?${query({ activityId })}`)).json()).toEqual(['a1']);
      expect((await lrs.get(`/xapi/agents/profile?${query({ agent })}`)).json()).toEqual(['g1']);
      expect((await lrs.delete(`/xapi/activities/profile?${query({ activityId })}`)).statusCode).toBe(400);
    });
  });

  describe('activities, agents, about', () => {
    it('returns an activity with the definitions statements gave, merged across languages', async () => {
      const id = 'https://readwell.example/passages/the-river';
      await lrs.post('/xapi/statements', [
        statement({ object: { id, definition: { name: { 'en-US': 'The River' }, type: 'http://adlnet.gov/expapi/activities/assessment' } }, context: {} }),
        statement({ object: { id, definition: { name: { 'es-ES': 'El río' } } }, context: {} }),
      ]);
      const response = await lrs.get(`/xapi/activities?activityId=${encodeURIComponent(id)}`);
      expect(response.json()).toEqual({
        objectType: 'Activity',
        id,
        definition: { name: { 'en-US': 'The River', 'es-ES': 'El río' }, type: 'http://adlnet.gov/expapi/activities/assessment' },
      });
      expect((await lrs.get('/xapi/activities?activityId=https%3A%2F%2Fnever.example%2Fa')).json()).toEqual({ objectType: 'Activity', id: 'https://never.example/a' });
      expect((await lrs.get('/xapi/activities')).statusCode).toBe(400);
    });

    it('returns a Person with the names an agent was given', async () => {
      const response = await lrs.get(`/xapi/agents?${query({ agent })}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ objectType: 'Person', name: ['Ana Diaz'], account: [agent.account] });
      expect((await lrs.get('/xapi/agents')).statusCode).toBe(400);
    });

    it('answers /xapi/about without credentials or version header; 405 and 404 elsewhere', async () => {
      const about = await app.inject({ method: 'GET', url: '/xapi/about' });
      expect(about.statusCode).toBe(200);
      expect(about.json()).toEqual({ version: ['1.0.3', '1.0.2', '1.0.1', '1.0.0'], extensions: {} });
      expect(about.headers['x-experience-api-version']).toBe('1.0.3');
      expect((await lrs.delete('/xapi/statements')).statusCode).toBe(405);
      expect((await lrs.get('/xapi/nothing-here')).statusCode).toBe(404);
      const preflight = await app.inject({ method: 'OPTIONS', url: '/xapi/statements', headers: { origin: 'https://content.example' } });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-headers']).toMatch(/X-Experience-API-Version/);
    });
  });
});
