import { getStudentProfile, listStudents } from '../../db/students.ts';
import { scopeOf } from '../plugins/auth.ts';
import { decodeCursor, encodeCursor } from '../paging.ts';
import { notFound } from '../problem.ts';
import { IdParams, Page, problems, StudentProfile, StudentQuery, StudentSummary } from '../schemas.ts';
import { assertFiltersInScope } from '../scope-filters.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

export function studentRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/students',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['roster'],
        summary: 'Students in your scope, filtered and searched, one page at a time',
        querystring: StudentQuery,
        response: { 200: Page(StudentSummary), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const { limit, cursor, ...filters } = request.query;
      await assertFiltersInScope(db, scope, { school: filters.school, team: filters.team, class: filters.class });
      const page = await listStudents(db, scope, filters, { limit, after: decodeCursor(cursor) });
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/api/students/:id',
    {
      config: { access: ACCESS.staffOrSelf },
      schema: {
        tags: ['roster'],
        summary: "A student's profile: programs, demographics, classes, teams and adults",
        params: IdParams,
        response: { 200: StudentProfile, ...problems(401, 404) },
      },
    },
    async (request) => {
      const profile = await getStudentProfile(db, scopeOf(request), request.params.id);
      if (!profile) throw notFound('student');
      return profile;
    },
  );
}
