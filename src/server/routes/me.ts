import type { Scope } from '../../core/access/roles.ts';
import { findDistrict, type Account } from '../../db/accounts.ts';
import type { Sql } from '../../db/database.ts';
import { describeScope } from '../../db/scope.ts';
import { accountOf, scopeOf } from '../plugins/auth.ts';
import { Me, problems } from '../schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

/** The signed-in account as `GET /api/me` and sign-in return it. */
export async function describeMe(sql: Sql, account: Account, scope: Scope, csrfToken: string) {
  const district = await findDistrict(sql, account.districtId);
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    role: account.role,
    userSourcedId: account.userSourcedId,
    district: { id: account.districtId, name: district?.name ?? '' },
    csrfToken,
    scope: await describeScope(sql, scope),
  };
}

export function meRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/me',
    {
      config: { access: ACCESS.signedIn },
      schema: { tags: ['session'], summary: 'The signed-in account, its CSRF token and scope', response: { 200: Me, ...problems(401) } },
    },
    async (request) => describeMe(db, accountOf(request), scopeOf(request), request.csrfToken ?? ''),
  );
}
