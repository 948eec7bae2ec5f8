import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import { STAFF_ROLES, type Access } from '../../core/access/roles.ts';
import type { Database } from '../../db/database.ts';

/** The Fastify instance routes are declared on: TypeBox schemas type the handlers. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface RouteContext {
  db: Database;
}

/** Access rules routes share. */
export const ACCESS = {
  anyone: { roles: 'anyone' },
  signedIn: { roles: 'signed-in', scope: 'self' },
  /** Any adult; lists limited to their teams, schools or district. */
  staff: { roles: STAFF_ROLES, scope: 'team' },
  /** Any adult, or a student for their own record. */
  staffOrSelf: { roles: 'signed-in', scope: 'self' },
  districtAdmin: { roles: ['district_admin'], scope: 'district' },
} as const satisfies Record<string, Access>;
