/**
 * Checks what routes return against their own response schemas, before Fastify
 * serialises it. The serialiser trusts the schema (it coerces values and drops
 * unknown fields), so a handler returning the wrong shape would otherwise go
 * unseen by tests that read the JSON.
 */
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

export interface ResponseCheck {
  /** The routes (method and URL pattern) whose 200 responses were checked. */
  routes: Set<string>;
  /** One line per mismatch: the route, where in the body, and what is wrong. */
  mismatches: string[];
}

/** Call before the app is ready (before the first request); read the result after the requests. */
export function checkResponseSchemas(app: FastifyInstance): ResponseCheck {
  const check: ResponseCheck = { routes: new Set(), mismatches: [] };
  app.addHook('preSerialization', async (request, reply, payload) => {
    const schemas = request.routeOptions.schema?.response as Record<string, TSchema> | undefined;
    const schema = reply.statusCode === 200 ? schemas?.['200'] : undefined;
    if (!schema) return payload;
    const route = `${request.method} ${request.routeOptions.url}`;
    check.routes.add(route);
    for (const error of Value.Errors(schema, payload)) check.mismatches.push(`${route} ${error.instancePath || '/'}: ${error.message}`);
    return payload;
  });
  return check;
}
