/**
 * Who may do what: the account roles, the scope each role sees, and the access
 * rule a route declares. Pure: no SQL, no HTTP.
 */

export const ROLES = [
  'district_admin',
  'school_leader',
  'teacher_leader',
  'teacher',
  'tutor',
  'resident',
  'coach',
  'student',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work on teams and see their teams' students. */
export const TEAM_ROLES = ['teacher_leader', 'teacher', 'tutor', 'resident', 'coach'] as const satisfies readonly Role[];
/** Every adult role. */
export const STAFF_ROLES = ['district_admin', 'school_leader', ...TEAM_ROLES] as const satisfies readonly Role[];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * How far an account sees, widest first: the whole district, its schools, its
 * teams, or only itself.
 */
export type ScopeKind = 'district' | 'school' | 'team' | 'self';
const BREADTH: Record<ScopeKind, number> = { district: 3, school: 2, team: 1, self: 0 };

export function scopeKindOf(role: Role): ScopeKind {
  if (role === 'district_admin') return 'district';
  if (role === 'school_leader') return 'school';
  if (role === 'student') return 'self';
  return 'team';
}

/**
 * What a route needs, declared on the route (`config: { access }`) and checked
 * before the handler runs.
 * - `roles`: who may call it: the listed roles, or `'signed-in'` for any account;
 *   `{ roles: 'anyone' }` is a public route.
 * - `scope`: the narrowest scope the route serves; a caller whose scope is narrower
 *   is refused. The handler's queries are then limited to the caller's own scope.
 */
export type Access = { roles: 'anyone' } | { roles: readonly Role[] | 'signed-in'; scope: ScopeKind };

export type AccessDecision = 'allowed' | 'unauthenticated' | 'forbidden';

export function decideAccess(access: Access, role: Role | null): AccessDecision {
  if (access.roles === 'anyone') return 'allowed';
  if (role === null) return 'unauthenticated';
  if (access.roles !== 'signed-in' && !access.roles.includes(role)) return 'forbidden';
  if (!('scope' in access)) return 'allowed';
  return BREADTH[scopeKindOf(role)] >= BREADTH[access.scope] ? 'allowed' : 'forbidden';
}

/**
 * An account's scope: its district always; the schools of a school leader; the
 * teams of a team member; the roster person of a student.
 */
export interface Scope {
  kind: ScopeKind;
  districtId: string;
  schoolIds: string[];
  teamIds: string[];
  userSourcedId: string | null;
}
