/**
 * One guard for every change to an improvement project: any POST, PUT, PATCH or
 * DELETE route under /api/improvement/projects/:id (the project itself, members,
 * change ideas, cycles, measures, diagnosis tools, driver diagram, and any route
 * added later) runs it before its handler. Readers who see the project get a 403
 * that says whom to ask, whatever body they sent; people who cannot see it get the same 404 as for a
 * project that does not exist.
 */
import { editableProject } from './improvement-facts.ts';
import type { Api, RouteContext } from './types.ts';

export const PROJECT_ROUTE = '/api/improvement/projects/:id';
const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isProjectChange(method: string, routeUrl: string | undefined): boolean {
  if (!CHANGING.has(method) || routeUrl === undefined) return false;
  return routeUrl === PROJECT_ROUTE || routeUrl.startsWith(`${PROJECT_ROUTE}/`);
}

/** Install before the improvement and diagnosis routes, in the same Fastify context. */
export function guardProjectChanges(app: Api, { db }: RouteContext): void {
  // preValidation: a reader hears "you cannot change this" before any word about the body they sent.
  // The auth hook (onRequest) has loaded the account; `:id` is not validated yet, so a malformed
  // id is left for the route's own validation (400).
  app.addHook('preValidation', async (request) => {
    if (!isProjectChange(request.method, request.routeOptions.url)) return;
    const { id } = request.params as { id?: string };
    if (typeof id !== 'string' || !UUID.test(id)) return;
    await editableProject(db, request, id);
  });
}
