import { getClass, listClasses } from '../../db/classes.ts';
import { scopeOf } from '../plugins/auth.ts';
import { notFound } from '../problem.ts';
import { ClassDetail, ClassQuery, ClassSummary, IdParams, Items, problems } from '../schemas.ts';
import { assertFiltersInScope } from '../scope-filters.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

export function classRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/classes',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['roster'],
        summary: 'Classes in your scope, optionally of one school or team',
        querystring: ClassQuery,
        response: { 200: Items(ClassSummary), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const { school, team } = request.query;
      await assertFiltersInScope(db, scope, { school, team });
      return { items: await listClasses(db, scope, { school, team }) };
    },
  );

  app.get(
    '/api/classes/:id',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['roster'],
        summary: 'A class and its students',
        params: IdParams,
        response: { 200: ClassDetail, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const found = await getClass(db, scopeOf(request), request.params.id);
      if (!found) throw notFound('class');
      return found;
    },
  );
}
