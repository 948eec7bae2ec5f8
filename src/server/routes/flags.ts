/**
 * Struggling flags (docs/learning-data.md): acknowledging one (who owns it and
 * a note) and a student's flag history. The adults who see the student — their
 * teams' adults, school leaders of their school, district admins — may do
 * both; anyone else gets 404, as if the flag did not exist.
 */
import { acknowledgeFlag, findFlag, isStaff, studentFlagHistory, type FlagView } from '../../db/mastery.ts';
import { canSee } from '../../db/scope.ts';
import type { Scope } from '../../core/access/roles.ts';
import type { Database } from '../../db/database.ts';
import { accountOf, scopeOf } from '../plugins/auth.ts';
import { notFound, Problem } from '../problem.ts';
import { IdParams, Items, problems } from '../schemas.ts';
import { Acknowledgement, Flag } from './learning-schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

/** The flag if the caller sees its student; otherwise 404. */
async function flagInScope(db: Database, scope: Scope, id: string): Promise<FlagView> {
  const flag = await findFlag(db, scope.districtId, id);
  if (!flag || !(await canSee(db, scope, 'student', flag.student))) throw notFound('flag');
  return flag;
}

export function flagRoutes(app: Api, { db }: RouteContext): void {
  app.post(
    '/api/learning/flags/:id/acknowledge',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['learning'],
        summary: 'Acknowledge a struggling flag: who owns it (a staff sourcedId or null) and a note',
        params: IdParams,
        body: Acknowledgement,
        response: { 200: Flag, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const flag = await flagInScope(db, scope, request.params.id);
      const owner = request.body.owner;
      if (owner !== null && !(await isStaff(db, scope.districtId, owner))) {
        throw new Problem(400, `owner: there is no staff member with the sourcedId "${owner}" in the district.`);
      }
      const updated = await acknowledgeFlag(db, scope.districtId, flag.id, { accountId: accountOf(request).id, owner, note: request.body.note });
      if (!updated) throw notFound('flag');
      return updated;
    },
  );

  app.get(
    '/api/learning/flags/:id/history',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['learning'],
        summary: "Every flag of this flag's student, open, cleared and acknowledged, newest first",
        params: IdParams,
        response: { 200: Items(Flag), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const flag = await flagInScope(db, scope, request.params.id);
      return { items: await studentFlagHistory(db, scope.districtId, flag.student) };
    },
  );
}
