/** A team's current day setup: the stored one, or the defaults from its members; with the adults' roster names. */
import type { Sql } from '../db/database.ts';
import { loadSetup, teamDayStudents, teamMemberRefs } from '../db/team-day.ts';
import { defaultSetup, withMemberNames, type DaySetup } from './day-setup.ts';

export interface SetupView {
  setup: DaySetup;
  stored: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function currentSetup(sql: Sql, districtId: string, team: string): Promise<SetupView> {
  const members = await teamMemberRefs(sql, districtId, team);
  const stored = await loadSetup(sql, districtId, team);
  if (stored) return { setup: withMemberNames(stored.setup, members), stored: true, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
  const students = await teamDayStudents(sql, districtId, team);
  return { setup: defaultSetup(members, students.length), stored: false, updatedAt: null, updatedBy: null };
}

/** The setup as the API serves it: flat, with the team and whether it is stored. */
export function setupOut(team: string, view: SetupView) {
  return { team, stored: view.stored, ...view.setup, updatedAt: view.updatedAt, updatedBy: view.updatedBy };
}
