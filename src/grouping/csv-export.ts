/** A day plan as CSV for spreadsheets and printing: one row per student and block. */
import { stringify } from 'csv-stringify/sync';
import type { DaySetup } from './day-setup.ts';
import type { PlanGroup, PlanReasons } from './day-plan.ts';

export const CSV_COLUMNS = [
  'block',
  'block_name',
  'start',
  'end',
  'adult_or_station',
  'adult_or_station_name',
  'focus_skill_code',
  'student_sourced_id',
  'student_name',
  'reason',
] as const;

export function planCsv(
  plan: { groups: PlanGroup[]; reasons: PlanReasons },
  setup: DaySetup,
  names: { students: ReadonlyMap<string, string>; skills: ReadonlyMap<string, { code: string | null; name: string }> },
): string {
  const blocks = new Map(setup.blocks.map((block, i) => [block.id, { block, order: i }]));
  const places = new Map<string, string>([
    ...setup.adults.map((adult) => [adult.id, adult.name ?? adult.id] as const),
    ...setup.stations.map((station) => [station.id, station.name] as const),
  ]);
  const rows: string[][] = [];
  const groups = [...plan.groups].sort((a, b) => (blocks.get(a.block)?.order ?? 1e9) - (blocks.get(b.block)?.order ?? 1e9));
  for (const group of groups) {
    const block = blocks.get(group.block)?.block;
    const place = group.adult ?? group.station ?? '';
    const skill = group.focusSkill ? names.skills.get(group.focusSkill) : undefined;
    for (const student of group.students) {
      rows.push([
        group.block,
        block?.name ?? '',
        block?.start ?? '',
        block?.end ?? '',
        place,
        places.get(place) ?? place,
        group.focusSkill ? (skill?.code ?? skill?.name ?? group.focusSkill) : '',
        student,
        names.students.get(student) ?? student,
        plan.reasons[student]?.[group.block] ?? '',
      ]);
    }
  }
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}
