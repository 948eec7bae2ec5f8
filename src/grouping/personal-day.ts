/**
 * One person's day from the published plans: an adult's groups and stations
 * (with their students' open flags and recent evidence for the session view,
 * or without for the calendar feed), and a student's own day. Only published
 * plans count: a draft is the team's work in progress.
 */
import type { Sql } from '../db/database.ts';
import { openFlags, publishedPlans, recentEvidence, skillRefs, teamDayStudents, teamHeader, type RecentEvidence } from '../db/team-day.ts';
import type { Publication } from './day-plan.ts';
import type { DayBlock } from './day-setup.ts';

export interface SkillRef {
  id: string;
  code: string | null;
  name: string;
}

export interface PlaceRef {
  kind: 'group' | 'station';
  id: string;
  name: string;
  stationKind?: string;
}

export interface StaffBlockStudent {
  id: string;
  name: string;
  needs: string[];
  reason: string | null;
  flags: { kind: string; reason: string; since: string }[];
  evidence: Omit<RecentEvidence, 'student'>[];
}

export interface StaffBlock {
  date: string;
  team: { id: string; name: string };
  block: DayBlock;
  place: PlaceRef;
  focusSkill: SkillRef | null;
  students: StaffBlockStudent[];
}

export interface StudentBlock {
  date: string;
  team: { id: string; name: string };
  block: DayBlock;
  place: PlaceRef;
  focusSkill: SkillRef | null;
  reason: string | null;
}

const EVIDENCE_PER_STUDENT = 5;

/** Blocks by date, then start time, then team. */
const byTime = <T extends { date: string; block: DayBlock; team: { id: string } }>(a: T, b: T) =>
  a.date.localeCompare(b.date) || a.block.start.localeCompare(b.block.start) || a.team.id.localeCompare(b.team.id);

async function teamNames(sql: Sql, districtId: string, plans: Publication[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const team of new Set(plans.map((plan) => plan.team))) names.set(team, (await teamHeader(sql, districtId, team))?.name ?? team);
  return names;
}

function placeOf(plan: Publication, group: Publication['groups'][number], adultName: (id: string) => string): PlaceRef {
  if (group.adult !== undefined) return { kind: 'group', id: group.adult, name: adultName(group.adult) };
  const station = plan.setup.stations.find((item) => item.id === group.station);
  return { kind: 'station', id: group.station!, name: station?.name ?? group.station!, stationKind: station?.kind ?? 'online' };
}

/**
 * The adult's blocks in the given teams' published plans between two dates: the
 * groups they lead and the stations they supervise. `detail` adds each
 * student's open flags and last five pieces of evidence.
 */
export async function staffDays(
  sql: Sql,
  districtId: string,
  staff: { id: string; name: string },
  teams: string[],
  from: string,
  to: string,
  detail: boolean,
): Promise<StaffBlock[]> {
  const plans = await publishedPlans(sql, districtId, teams, from, to);
  const names = await teamNames(sql, districtId, plans);
  const skills = await skillRefs(sql, districtId, [...new Set(plans.flatMap((plan) => plan.groups.flatMap((group) => (group.focusSkill ? [group.focusSkill] : []))))]);
  const studentInfo = new Map<string, { name: string; needs: string[] }>();
  for (const team of names.keys()) for (const student of await teamDayStudents(sql, districtId, team)) studentInfo.set(student.id, student);
  const blocks: Omit<StaffBlock, 'students'>[] = [];
  const members: string[][] = [];
  for (const plan of plans) {
    const supervised = new Set(plan.setup.stations.filter((station) => station.supervisor === staff.id).map((station) => station.id));
    for (const group of plan.groups) {
      if (group.adult !== staff.id && !(group.station !== undefined && supervised.has(group.station))) continue;
      const block = plan.setup.blocks.find((item) => item.id === group.block);
      if (!block) continue;
      blocks.push({
        date: plan.date,
        team: { id: plan.team, name: names.get(plan.team)! },
        block,
        place: placeOf(plan, group, () => staff.name),
        focusSkill: group.focusSkill ? (skills.get(group.focusSkill) ?? { id: group.focusSkill, code: null, name: group.focusSkill }) : null,
      });
      members.push(group.students);
    }
  }
  const everyone = [...new Set(members.flat())];
  const flags = detail ? await openFlags(sql, districtId, everyone) : [];
  const evidence = detail ? await recentEvidence(sql, districtId, everyone, EVIDENCE_PER_STUDENT) : [];
  const result = blocks.map((item, i) => {
    const plan = plans.find((candidate) => candidate.team === item.team.id && candidate.date === item.date)!;
    return {
      ...item,
      students: members[i]!.map((id) => ({
        id,
        name: studentInfo.get(id)?.name ?? id,
        needs: studentInfo.get(id)?.needs ?? [],
        reason: plan.reasons[id]?.[item.block.id] ?? null,
        flags: flags.filter((flag) => flag.student === id).map(({ kind, reason, since }) => ({ kind, reason, since })),
        evidence: evidence.filter((row) => row.student === id).map(({ student: _student, ...rest }) => rest),
      })),
    };
  });
  return result.sort(byTime);
}

/** The student's blocks in the given teams' published plans on a date. */
export async function studentDay(sql: Sql, districtId: string, student: string, teams: string[], date: string): Promise<StudentBlock[]> {
  const plans = await publishedPlans(sql, districtId, teams, date, date);
  const names = await teamNames(sql, districtId, plans);
  const adults = new Map(plans.flatMap((plan) => plan.setup.adults.map((adult) => [adult.id, adult.name ?? adult.id] as const)));
  const skills = await skillRefs(sql, districtId, [...new Set(plans.flatMap((plan) => plan.groups.flatMap((group) => (group.focusSkill ? [group.focusSkill] : []))))]);
  const blocks: StudentBlock[] = [];
  for (const plan of plans) {
    for (const group of plan.groups) {
      if (!group.students.includes(student)) continue;
      const block = plan.setup.blocks.find((item) => item.id === group.block);
      if (!block) continue;
      blocks.push({
        date: plan.date,
        team: { id: plan.team, name: names.get(plan.team)! },
        block,
        place: placeOf(plan, group, (id) => adults.get(id) ?? id),
        focusSkill: group.focusSkill ? (skills.get(group.focusSkill) ?? null) : null,
        reason: plan.reasons[student]?.[group.block] ?? null,
      });
    }
  }
  return blocks.sort(byTime);
}
