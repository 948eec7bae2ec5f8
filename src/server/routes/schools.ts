import { listSchools } from '../../db/schools.ts';
import { listTeams } from '../../db/teams.ts';
import { scopeOf } from '../plugins/auth.ts';
import { notFound } from '../problem.ts';
import { IdParams, Items, problems, School, SchoolDetail } from '../schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

export function schoolRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/schools',
    {
      config: { access: ACCESS.staff },
      schema: { tags: ['roster'], summary: 'Schools in your scope', response: { 200: Items(School), ...problems(401, 403) } },
    },
    async (request) => ({ items: await listSchools(db, scopeOf(request)) }),
  );

  app.get(
    '/api/schools/:id',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['roster'],
        summary: 'A school and its teams',
        params: IdParams,
        response: { 200: SchoolDetail, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const [school] = await listSchools(db, scope, { id: request.params.id });
      if (!school) throw notFound('school');
      return { ...school, teams: await listTeams(db, scope, { school: school.sourcedId }) };
    },
  );
}
