/**
 * activity-map.csv: which skill each activity of a learning program exercises,
 * `activity,skill[,program]`. An activity is an xAPI activity IRI, or a
 * program's own id for an item or lesson; `program` (matched against a
 * statement's context.platform) narrows a row to one program. Pure.
 */
import type { SkillDirectory } from '../../core/learning/skills.ts';
import type { CsvTable } from '../common/csv.ts';
import type { FileCounts, ImportProblem } from '../common/report.ts';
import { readRows } from '../common/rows.ts';

export const ACTIVITY_MAP_COLUMNS = ['activity', 'skill'] as const;

export interface ActivityMapRow {
  program: string;
  activity: string;
  skill_id: string;
}

export interface ActivityMapPlan {
  rows: ActivityMapRow[];
  /** Every (program, activity) the file lists: their skills become exactly the file's. */
  activities: { program: string; activity: string }[];
  counts: FileCounts;
  problems: ImportProblem[];
}

export function planActivityMap(table: CsvTable, skills: SkillDirectory): ActivityMapPlan {
  const firstLine = new Map<string, number>();
  const results = readRows(table, (get, report, row): ActivityMapRow => {
    const activity = get('activity');
    const program = get('program');
    const skillCell = get('skill');
    if (!activity) report('activity', '', 'is required');
    const skill = skillCell ? skills.find(skillCell) : { problem: 'is required' };
    if ('problem' in skill) report('skill', skillCell, skill.problem);
    const skillId = 'id' in skill ? skill.id : '';
    if (activity && skillId) {
      const key = `${program.toLowerCase()}\u0000${activity}\u0000${skillId}`;
      const first = firstLine.get(key);
      if (first !== undefined) report('skill', skillCell, `the same activity, program and skill as on line ${first}`);
      else firstLine.set(key, row.line);
    }
    return { program, activity, skill_id: skillId };
  });
  const rows = results.accepted.map((r) => r.value);
  const activities = new Map(rows.map((r) => [`${r.program.toLowerCase()}\u0000${r.activity}`, { program: r.program, activity: r.activity }]));
  return { rows, activities: [...activities.values()], counts: results.counts, problems: results.problems };
}
