/**
 * The Learning Record Store at /xapi (xAPI 1.0.3). Its own encapsulated context:
 * bodies are read raw (statements, attachments and documents of any type), HTTP
 * Basic credentials of an integration stand in for sign-in, and every response
 * carries X-Experience-API-Version. Any origin may call it (no cookies are
 * involved), as browser-based learning content must.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSupportedVersion } from '../../core/xapi/formats.ts';
import { XAPI_VERSION } from '../../core/xapi/types.ts';
import type { Database } from '../../db/database.ts';
import { Problem } from '../problem.ts';
import { authenticateXapi, type XapiCaller } from './auth.ts';
import { ACTIVITY_PROFILE, AGENT_PROFILE, documentResource, STATE } from './documents.ts';
import { aboutResource, activitiesResource, agentsResource } from './people.ts';
import { readXapiRequest, type XapiRequest } from './request.ts';
import { statementResource } from './statements.ts';

/** The largest request body: a batch of statements with attachments, or a document. */
export const MAX_XAPI_BYTES = 50 * 1024 * 1024;

type Handler = (x: XapiRequest, caller: XapiCaller, reply: FastifyReply) => Promise<unknown>;

interface Resource {
  /** False only for the About Resource: no credentials, no version header needed. */
  secured: boolean;
  handlers: Partial<Record<'GET' | 'PUT' | 'POST' | 'DELETE', Handler>>;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, PUT, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, Accept-Language',
  'access-control-expose-headers': 'ETag, Last-Modified, X-Experience-API-Version, X-Experience-API-Consistent-Through',
  'access-control-max-age': '86400',
};

export async function xapiRoutes(app: FastifyInstance, { db }: { db: Database }): Promise<void> {
  await app.register(async (lrs) => {
    lrs.removeAllContentTypeParsers();
    lrs.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_XAPI_BYTES }, (_request, body, done) => done(null, body));
    lrs.addHook('onSend', async (_request, reply) => {
      reply.header('x-experience-api-version', XAPI_VERSION);
      reply.header('cache-control', 'no-store');
      reply.headers(CORS_HEADERS);
    });

    const resources: Record<string, Resource> = {
      '/xapi/statements': { secured: true, handlers: statementResource(db) },
      '/xapi/activities/state': { secured: true, handlers: documentResource(db, STATE) },
      '/xapi/activities/profile': { secured: true, handlers: documentResource(db, ACTIVITY_PROFILE) },
      '/xapi/agents/profile': { secured: true, handlers: documentResource(db, AGENT_PROFILE) },
      '/xapi/activities': { secured: true, handlers: activitiesResource(db) },
      '/xapi/agents': { secured: true, handlers: agentsResource(db) },
      '/xapi/about': { secured: false, handlers: aboutResource() as Resource['handlers'] },
    };
    for (const [url, resource] of Object.entries(resources)) {
      lrs.route({
        method: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS'],
        url,
        schema: { hide: true },
        handler: (request, reply) => handle(db, resource, request, reply),
      });
    }
    lrs.route({
      method: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS'],
      url: '/xapi/*',
      schema: { hide: true },
      handler: async () => {
        throw new Problem(404, 'There is no xAPI resource here: see /xapi/about, /xapi/statements, /xapi/activities, /xapi/agents.');
      },
    });
  });
}

async function handle(db: Database, resource: Resource, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  if (request.method === 'OPTIONS') return reply.code(204).send();
  const x = readXapiRequest(request);
  let caller: XapiCaller | null = null;
  if (resource.secured) {
    caller = await authenticateXapi(db, x.headers.authorization);
    const version = x.headers['x-experience-api-version'];
    if (version === undefined) throw new Problem(400, 'Send the header X-Experience-API-Version (this LRS speaks 1.0.3).');
    if (!isSupportedVersion(version)) throw new Problem(400, `X-Experience-API-Version "${version}" is not supported; use 1.0.3 (any 1.0.x).`);
  }
  const handler = resource.handlers[x.method === 'HEAD' ? 'GET' : (x.method as 'GET' | 'PUT' | 'POST' | 'DELETE')];
  if (!handler) {
    const allow = Object.keys(resource.handlers).join(', ');
    throw new Problem(405, `${x.method} is not allowed here (allowed: ${allow}).`, { allow });
  }
  return handler(x, caller as XapiCaller, reply);
}
