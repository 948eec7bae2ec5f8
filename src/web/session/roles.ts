import type { Role } from '../types.ts';

const ROLE_NAMES: Record<string, string> = {
  district_admin: 'District admin',
  school_leader: 'School leader',
  teacher_leader: 'Teacher-leader',
  teacher: 'Teacher',
  tutor: 'Tutor',
  resident: 'Resident',
  coach: 'Coach',
  student: 'Student',
};

/** "teacher_leader" -> "Teacher-leader"; unknown roles read as themselves. */
export function roleName(role: Role | string): string {
  return ROLE_NAMES[role] ?? role.replace(/_/g, ' ');
}

export const isStaff = (role: Role): boolean => role !== 'student';
export const isDistrictAdmin = (role: Role): boolean => role === 'district_admin';
