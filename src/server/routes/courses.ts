import { listAcademicSessions, listCourses } from '../../db/courses.ts';
import { scopeOf } from '../plugins/auth.ts';
import { AcademicSession, Course, Items, problems, SchoolFilter } from '../schemas.ts';
import { assertFiltersInScope } from '../scope-filters.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

export function courseRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/academic-sessions',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['roster'],
        summary: "The district's school years, terms and grading periods",
        response: { 200: Items(AcademicSession), ...problems(401, 403) },
      },
    },
    async (request) => ({ items: await listAcademicSessions(db, scopeOf(request)) }),
  );

  app.get(
    '/api/courses',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['roster'],
        summary: 'Courses in your scope, optionally those a school offers',
        querystring: SchoolFilter,
        response: { 200: Items(Course), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      await assertFiltersInScope(db, scope, { school: request.query.school });
      return { items: await listCourses(db, scope, { school: request.query.school }) };
    },
  );
}
