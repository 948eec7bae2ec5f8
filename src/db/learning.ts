/**
 * Learning data queries: what the imports look things up in (the district's
 * students, skills, prerequisite links, courses, activity map), and what the
 * learning API reads and writes (skill trees, evidence, team sequences).
 */
import type { ActivitySkill } from '../core/learning/statement-evidence.ts';
import type { SkillIdentity } from '../core/learning/skills.ts';
import type { StudentIdentity } from '../core/learning/students.ts';
import type { EvidenceItem, Framework, SequenceItem, SkillNode } from '../server/routes/learning-schemas.ts';
import type { Sql } from './database.ts';

export interface DistrictSkill extends SkillIdentity {
  frameworkId: string;
  /** The CFItem identifier or the CSV code: the skill's key within its framework. */
  sourceKey: string;
  parentId: string | null;
}

export async function districtSkills(sql: Sql, districtId: string): Promise<DistrictSkill[]> {
  const { rows } = await sql.query<DistrictSkill>(
    `select s.id, s.code, s.case_identifier as "caseIdentifier", s.case_uri as "caseUri", f.title as framework,
            s.framework_id as "frameworkId", s.source_key as "sourceKey", s.parent_id as "parentId"
     from skills s join skill_frameworks f on f.district_id = s.district_id and f.id = s.framework_id
     where s.district_id = $1
     order by f.title, s.sort_order, s.source_key`,
    [districtId],
  );
  return rows;
}

export async function districtStudentIdentities(sql: Sql, districtId: string): Promise<StudentIdentity[]> {
  const { rows } = await sql.query<StudentIdentity>(
    `select sourced_id as "sourcedId", identifier, username, email from users where district_id = $1 and role = 'student'`,
    [districtId],
  );
  return rows;
}

/** Every prerequisite link of the district: [skill id, prerequisite id]. */
export async function districtPrerequisiteLinks(sql: Sql, districtId: string): Promise<[string, string][]> {
  const { rows } = await sql.query<{ skill: string; prerequisite: string }>(
    'select skill_id as skill, prerequisite_id as prerequisite from skill_prerequisites where district_id = $1',
    [districtId],
  );
  return rows.map((r) => [r.skill, r.prerequisite]);
}

export async function districtCourseKeys(sql: Sql, districtId: string): Promise<{ sourcedId: string; courseCode: string | null }[]> {
  const { rows } = await sql.query<{ sourcedId: string; courseCode: string | null }>(
    'select sourced_id as "sourcedId", course_code as "courseCode" from courses where district_id = $1',
    [districtId],
  );
  return rows;
}

export async function districtActivitySkills(sql: Sql, districtId: string): Promise<ActivitySkill[]> {
  const { rows } = await sql.query<ActivitySkill>(
    'select program, activity, skill_id as "skillId" from activity_skills where district_id = $1',
    [districtId],
  );
  return rows;
}

/** The district's frameworks with their skills in tree order, prerequisites and courses. */
export async function skillFrameworks(sql: Sql, districtId: string): Promise<Framework[]> {
  const frameworks = await sql.query<Omit<Framework, 'skills'>>(
    'select id, source, title, version, uri from skill_frameworks where district_id = $1 order by title, id',
    [districtId],
  );
  const skills = await sql.query<Omit<SkillNode, 'depth'> & { frameworkId: string; sortOrder: number }>(
    `select s.id, s.framework_id as "frameworkId", s.code, s.name, s.item_type as "itemType", s.case_identifier as "caseIdentifier",
            s.case_uri as "caseUri", s.parent_id as "parentId", s.sort_order as "sortOrder",
            coalesce((select array_agg(p.prerequisite_id::text order by p.prerequisite_id) from skill_prerequisites p
                      where p.district_id = s.district_id and p.skill_id = s.id), '{}') as prerequisites,
            coalesce((select array_agg(c.course_sourced_id order by c.course_sourced_id) from skill_courses c
                      where c.district_id = s.district_id and c.skill_id = s.id), '{}') as courses
     from skills s where s.district_id = $1
     order by s.sort_order, s.code, s.id`,
    [districtId],
  );
  return frameworks.rows.map((framework) => {
    const own = skills.rows.filter((s) => s.frameworkId === framework.id);
    const ids = new Set(own.map((s) => s.id));
    const children = new Map<string | null, typeof own>();
    for (const skill of own) {
      // A parent in another framework (or gone) puts the skill at the top of this one.
      const parent = skill.parentId && ids.has(skill.parentId) ? skill.parentId : null;
      const siblings = children.get(parent);
      if (siblings) siblings.push(skill);
      else children.set(parent, [skill]);
    }
    const ordered: SkillNode[] = [];
    const visit = (parent: string | null, depth: number) => {
      for (const { frameworkId: _f, sortOrder: _o, ...skill } of children.get(parent) ?? []) {
        ordered.push({ ...skill, depth });
        visit(skill.id, depth + 1);
      }
    };
    visit(null, 0);
    return { ...framework, skills: ordered };
  });
}

/** A student's most recent evidence, newest first; the caller has checked the student is in scope. */
export async function studentEvidence(
  sql: Sql,
  districtId: string,
  student: string,
  filters: { skill?: string; since?: string; limit: number },
): Promise<EvidenceItem[]> {
  const { rows } = await sql.query<EvidenceItem & { occurredAt: Date | string }>(
    `select e.skill_id as "skillId", s.code as "skillCode", s.name as "skillName", e.occurred_at as "occurredAt", e.correct, e.score,
            e.source_kind as "sourceKind", e.source_ref as "sourceRef"
     from evidence e join skills s on s.district_id = e.district_id and s.id = e.skill_id
     where e.district_id = $1 and e.student_sourced_id = $2
       and ($3::uuid is null or e.skill_id = $3::uuid) and ($4::timestamptz is null or e.occurred_at >= $4::timestamptz)
     order by e.occurred_at desc, e.skill_id
     limit $5`,
    [districtId, student, filters.skill ?? null, filters.since ?? null, filters.limit],
  );
  return rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt).toISOString() }));
}

export async function teamSequence(sql: Sql, districtId: string, team: string): Promise<SequenceItem[]> {
  const { rows } = await sql.query<SequenceItem>(
    `select q.position, q.skill_id as "skillId", s.code as "skillCode", s.name as "skillName", q.starts_on as "startsOn", q.ends_on as "endsOn"
     from team_skill_sequences q join skills s on s.district_id = q.district_id and s.id = q.skill_id
     where q.district_id = $1 and q.team_sourced_id = $2
     order by q.position`,
    [districtId, team],
  );
  return rows;
}

/** The ids among `ids` that are skills of the district. */
export async function existingSkillIds(sql: Sql, districtId: string, ids: string[]): Promise<Set<string>> {
  const { rows } = await sql.query<{ id: string }>('select id::text as id from skills where district_id = $1 and id = any($2::uuid[])', [
    districtId,
    ids,
  ]);
  return new Set(rows.map((r) => r.id));
}

/** Replaces a team's sequence with `items`, in order. */
export async function replaceTeamSequence(
  sql: Sql,
  districtId: string,
  team: string,
  items: { skillId: string; startsOn: string | null; endsOn: string | null }[],
): Promise<void> {
  await sql.query('delete from team_skill_sequences where district_id = $1 and team_sourced_id = $2', [districtId, team]);
  if (items.length === 0) return;
  await sql.query(
    `insert into team_skill_sequences (district_id, team_sourced_id, position, skill_id, starts_on, ends_on)
     select $1::uuid, $2, r.position, r.skill_id, r.starts_on, r.ends_on
     from jsonb_to_recordset($3::jsonb) as r(position integer, skill_id uuid, starts_on date, ends_on date)`,
    [districtId, team, JSON.stringify(items.map((item, i) => ({ position: i + 1, skill_id: item.skillId, starts_on: item.startsOn, ends_on: item.endsOn })))],
  );
}

/** Whether the roster person leads the team (team_members role teacher_leader). */
export async function leadsTeam(sql: Sql, districtId: string, team: string, user: string | null): Promise<boolean> {
  if (!user) return false;
  const { rows } = await sql.query(
    `select 1 from team_members where district_id = $1 and team_sourced_id = $2 and user_sourced_id = $3 and role = 'teacher_leader'`,
    [districtId, team, user],
  );
  return rows.length > 0;
}
