/**
 * The Agents Resource (a Person: every identifier and name known for an agent)
 * and the Activities Resource (an activity with its canonical definition),
 * xAPI 1.0.3 Communication 2.4 and 2.5, and the About Resource (2.8).
 */
import type { FastifyReply } from 'fastify';
import { XAPI_VERSION, type JsonObject } from '../../core/xapi/types.ts';
import type { Database } from '../../db/database.ts';
import { agentNames, getActivityDefinition } from '../../db/xapi-statements.ts';
import type { XapiCaller } from './auth.ts';
import { agentParam, iriParam, onlyParams } from './params.ts';
import type { XapiRequest } from './request.ts';

const json = (reply: FastifyReply, body: unknown) => reply.code(200).type('application/json; charset=utf-8').send(JSON.stringify(body));

/** Versions of xAPI this LRS speaks (statements of any 1.0.x version are accepted). */
export const SUPPORTED_VERSIONS = [XAPI_VERSION, '1.0.2', '1.0.1', '1.0.0'];

export function aboutResource() {
  return {
    GET: async (x: XapiRequest, _caller: XapiCaller | null, reply: FastifyReply) => {
      onlyParams(x.params, []);
      return json(reply, { version: SUPPORTED_VERSIONS, extensions: {} });
    },
  };
}

export function agentsResource(db: Database) {
  return {
    GET: async (x: XapiRequest, caller: XapiCaller, reply: FastifyReply) => {
      onlyParams(x.params, ['agent']);
      const { ifi, agent } = agentParam(x.params, 'agent', true)!;
      const names = new Set<string>();
      if (typeof agent.name === 'string') names.add(agent.name);
      for (const name of await agentNames(db, caller.districtId, ifi)) names.add(name);
      const person: JsonObject = { objectType: 'Person' };
      if (names.size > 0) person.name = [...names];
      for (const key of ['mbox', 'mbox_sha1sum', 'openid', 'account']) {
        if (agent[key] !== undefined) person[key] = [agent[key]!];
      }
      return json(reply, person);
    },
  };
}

export function activitiesResource(db: Database) {
  return {
    GET: async (x: XapiRequest, caller: XapiCaller, reply: FastifyReply) => {
      onlyParams(x.params, ['activityId']);
      const id = iriParam(x.params, 'activityId', true)!;
      const definition = await getActivityDefinition(db, caller.districtId, id);
      return json(reply, definition ? { objectType: 'Activity', id, definition } : { objectType: 'Activity', id });
    },
  };
}
