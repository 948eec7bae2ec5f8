/**
 * The regrouping instance of one team's day, from what the database holds:
 * the day setup, the team's skill sequence, its students' mastery estimates,
 * open flags and needs, yesterday's published plan, the adults each student
 * met earlier this week, and the draft's pins. `buildDayInstance` is pure;
 * `loadDayInputs` does the reading.
 */
import { RegroupInputError } from '../core/grouping/errors.ts';
import type { Group, Instance, Pin } from '../core/grouping/types.ts';
import { parseInstance } from '../core/grouping/validate.ts';
import type { Sql } from '../db/database.ts';
import {
  lastPublishedBefore,
  loadDraft,
  openFlags,
  publishedPlans,
  teamDayStudents,
  teamMastery,
  teamSequenceSkills,
  type MasteryRow,
  type OpenFlag,
  type SequenceSkill,
  type TeamDayStudent,
} from '../db/team-day.ts';
import type { Publication } from './day-plan.ts';
import type { DaySetup } from './day-setup.ts';
import { addDays, weekStart } from './dates.ts';
import { currentSetup } from './setup-store.ts';

export interface DayInputs {
  team: string;
  date: string;
  setup: DaySetup;
  skills: SequenceSkill[];
  students: TeamDayStudent[];
  mastery: MasteryRow[];
  flags: OpenFlag[];
  /** The last plan published before the date, if any. */
  previous: Publication | null;
  /** Plans published earlier in the date's week, oldest first. */
  week: Publication[];
  pins: Pin[];
}

/** Why a day cannot be planned at all (no sequence, no students, a sequence that contradicts its prerequisites). */
export class DayNotPlannable extends Error {}

/** The adults each student was in a group with in the given plans. */
export function adultsMet(plans: readonly { groups: Group[] }[]): Record<string, string[]> {
  const met: Record<string, string[]> = {};
  for (const plan of plans) {
    for (const group of plan.groups) {
      if (!group.adult) continue;
      for (const student of group.students) {
        const list = (met[student] ??= []);
        if (!list.includes(group.adult)) list.push(group.adult);
      }
    }
  }
  return met;
}

export function buildDayInstance(inputs: DayInputs): Instance {
  if (inputs.skills.length === 0) throw new DayNotPlannable(`team ${inputs.team} has no skill sequence yet; set it first (PUT /api/teams/${inputs.team}/sequence)`);
  if (inputs.students.length === 0) throw new DayNotPlannable(`team ${inputs.team} has no students`);
  const studentIds = new Set(inputs.students.map((student) => student.id));
  const skillIds = new Set(inputs.skills.map((skill) => skill.id));
  const mastery = new Map<string, { known: Record<string, number>; attempts: Record<string, number> }>();
  for (const row of inputs.mastery) {
    const entry = mastery.get(row.student) ?? { known: {}, attempts: {} };
    entry.known[row.skill] = row.known;
    entry.attempts[row.skill] = row.attempts;
    mastery.set(row.student, entry);
  }
  const flags = new Map<string, string[]>();
  for (const flag of inputs.flags) {
    const list = flags.get(flag.student) ?? [];
    if (!list.includes(flag.kind)) list.push(flag.kind);
    flags.set(flag.student, list);
  }
  const { setup } = inputs;
  const blockIds = new Set(setup.blocks.map((block) => block.id));
  const adultIds = new Set(setup.adults.map((adult) => adult.id));
  const stationIds = new Set(setup.stations.map((station) => station.id));
  // Rules about students who have since left the team, and pins to places no longer in the day, cannot hold; they are left out.
  const present = ([a, b]: [string, string]) => studentIds.has(a) && studentIds.has(b);
  const pins = inputs.pins.filter(
    (pin) =>
      blockIds.has(pin.block) &&
      studentIds.has(pin.student) &&
      (pin.adult ? adultIds.has(pin.adult) : stationIds.has(pin.station ?? '')) &&
      (pin.focusSkill === undefined || skillIds.has(pin.focusSkill)),
  );
  const data = {
    blocks: setup.blocks.map((block) => ({ id: block.id, name: block.name })),
    skills: inputs.skills.map((skill) => ({ id: skill.id, name: skill.code ?? skill.name, prerequisites: skill.prerequisites })),
    adults: setup.adults.map((adult) => ({
      id: adult.id,
      ...(adult.name !== undefined && { name: adult.name }),
      role: adult.role,
      capacity: adult.capacity,
      blocks: adult.blocks,
      supports: adult.supports,
    })),
    stations: setup.stations.map((station) => ({
      id: station.id,
      name: station.name,
      kind: station.kind,
      capacity: station.capacity,
      ...(station.supervisor !== null && { supervisor: station.supervisor }),
      blocks: station.blocks,
    })),
    students: inputs.students.map((student) => ({
      id: student.id,
      name: student.name,
      mastery: mastery.get(student.id)?.known ?? {},
      needs: student.needs,
      flags: flags.get(student.id) ?? [],
      attempts: mastery.get(student.id)?.attempts ?? {},
    })),
    constraints: {
      apart: setup.constraints.apart.filter(present),
      together: setup.constraints.together.filter(present),
      adultLedPerDay: setup.constraints.adultLedPerDay,
    },
    previous: inputs.previous?.groups ?? [],
    week: adultsMet(inputs.week),
    pinned: pins,
  };
  try {
    return parseInstance(JSON.parse(JSON.stringify(data)), `team ${inputs.team}, ${inputs.date}`);
  } catch (error) {
    if (error instanceof RegroupInputError) throw new DayNotPlannable(withSkillCodes(error.message, inputs.skills));
    throw error;
  }
}

/** Skill uuids in optimiser sentences replaced by the skills' codes (or names), which teachers read. */
export function withSkillCodes(text: string, skills: readonly { id: string; code: string | null; name: string }[]): string {
  let out = text;
  for (const skill of skills) if (out.includes(skill.id)) out = out.replaceAll(skill.id, skill.code ?? skill.name);
  return out;
}

export async function loadDayInputs(sql: Sql, districtId: string, team: string, date: string, pins: Pin[] | null = null): Promise<DayInputs> {
  const { setup } = await currentSetup(sql, districtId, team);
  const students = await teamDayStudents(sql, districtId, team);
  const monday = weekStart(date);
  const week = monday < date ? await publishedPlans(sql, districtId, [team], monday, addDays(date, -1)) : [];
  return {
    team,
    date,
    setup,
    skills: await teamSequenceSkills(sql, districtId, team),
    students,
    mastery: await teamMastery(sql, districtId, team),
    flags: await openFlags(
      sql,
      districtId,
      students.map((student) => student.id),
    ),
    previous: await lastPublishedBefore(sql, districtId, team, date),
    week,
    pins: pins ?? (await loadDraft(sql, districtId, team, date))?.pins ?? [],
  };
}
