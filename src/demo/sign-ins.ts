import type { Role } from '../core/access/roles.ts';

/** The password of every demo sign-in (demo data only). */
export const DEMO_PASSWORD = 'trellis-demo';

/**
 * The demo sign-ins, one per role. All but the admin are people of one grade-6 team in
 * one middle school (the principal leads that school; the coach also works with two
 * other teams there), so each role's view of the same students can be compared.
 */
export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.school', role: 'district_admin' },
  { email: 'principal@demo.school', role: 'school_leader' },
  { email: 'leader@demo.school', role: 'teacher_leader' },
  { email: 'teacher@demo.school', role: 'teacher' },
  { email: 'tutor@demo.school', role: 'tutor' },
  { email: 'coach@demo.school', role: 'coach' },
  { email: 'student@demo.school', role: 'student' },
] as const satisfies readonly { email: string; role: Role }[];

export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];
