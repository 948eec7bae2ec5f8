/**
 * Who may change an improvement project. Everyone on the staff who can see a
 * project may read it; only the people doing the work change it: its members,
 * and district admins (who look after every project and can fix a project whose
 * members have all left). Pure: the caller says whether the person is a member.
 */
import type { Role } from '../access/roles.ts';

export function mayEditProject(role: Role, isMember: boolean): boolean {
  return isMember || role === 'district_admin';
}

/** The reason a reader is given when they try to change a project. */
export function readOnlyReason(leadNames: string[]): string {
  const ask = leadNames.length > 0 ? `ask ${joinWithOr(leadNames)} to add you` : 'ask a district admin to add you';
  return `Only the project's members can change it; ${ask}.`;
}

/** "A", "A or B", "A, B or C". */
export function joinWithOr(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
