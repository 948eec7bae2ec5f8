import { getTeam, listTeams } from '../../db/teams.ts';
import { scopeOf } from '../plugins/auth.ts';
import { notFound } from '../problem.ts';
import { IdParams, Items, problems, SchoolFilter, Team, TeamSummary } from '../schemas.ts';
import { assertFiltersInScope } from '../scope-filters.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

export function teamRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/teams',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['roster'],
        summary: 'Teams in your scope, optionally of one school',
        querystring: SchoolFilter,
        response: { 200: Items(TeamSummary), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      await assertFiltersInScope(db, scope, { school: request.query.school });
      return { items: await listTeams(db, scope, { school: request.query.school }) };
    },
  );

  app.get(
    '/api/teams/:id',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['roster'],
        summary: 'A team with its members and classes',
        params: IdParams,
        response: { 200: Team, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const team = await getTeam(db, scopeOf(request), request.params.id);
      if (!team) throw notFound('team');
      return team;
    },
  );
}
