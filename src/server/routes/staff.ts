import { listStaff } from '../../db/staff.ts';
import { scopeOf } from '../plugins/auth.ts';
import { decodeCursor, encodeCursor } from '../paging.ts';
import { Page, problems, StaffQuery, StaffSummary } from '../schemas.ts';
import { assertFiltersInScope } from '../scope-filters.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

export function staffRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/staff',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['roster'],
        summary: 'Adults in your scope, one page at a time',
        querystring: StaffQuery,
        response: { 200: Page(StaffSummary), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const { limit, cursor, ...filters } = request.query;
      await assertFiltersInScope(db, scope, { school: filters.school, team: filters.team });
      const page = await listStaff(db, scope, filters, { limit, after: decodeCursor(cursor) });
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );
}
