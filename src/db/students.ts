import type { Scope } from '../core/access/roles.ts';
import type { Sql } from './database.ts';
import { containsPattern, Params } from './params.ts';
import { personInSchools, studentVisible } from './scope.ts';
import type { StudentProfile, StudentSummary } from '../server/schemas.ts';
import { classSummaries, personName, studentSummaries } from './summaries.ts';

export type { StudentProfile };

/** Where a page of people ends: its last (family name, given name, sourcedId). */
export type NameKey = [familyName: string, givenName: string, sourcedId: string];

export interface StudentFilters {
  q?: string;
  school?: string;
  grade?: string;
  team?: string;
  class?: string;
  englishLearner?: boolean;
  specialEducation?: boolean;
  economicallyDisadvantaged?: boolean;
}

export interface PageOf<T> {
  items: T[];
  /** The key of the last item when more follow, else null. */
  nextKey: NameKey | null;
}

/**
 * One page of the students the scope sees, matching the filters, in name order.
 * Keyset paging: the page starts after `after`, so deep pages cost as little as the first.
 */
export async function listStudents(
  sql: Sql,
  scope: Scope,
  filters: StudentFilters,
  page: { limit: number; after: NameKey | null },
): Promise<PageOf<StudentSummary>> {
  const p = new Params();
  const where = [studentVisible(scope, p, 'u')];
  if (filters.q) {
    const pattern = p.add(containsPattern(filters.q.trim()));
    where.push(`(u.given_name ilike ${pattern} or u.family_name ilike ${pattern} or u.preferred_given_name ilike ${pattern}
                 or u.identifier ilike ${pattern} or (u.given_name || ' ' || u.family_name) ilike ${pattern}
                 or (coalesce(u.preferred_given_name, u.given_name) || ' ' || u.family_name) ilike ${pattern})`);
  }
  if (filters.school) where.push(personInSchools('u', `array[${p.add(filters.school)}]::text[]`));
  if (filters.grade) where.push(`${p.add(filters.grade)} = any(u.grades)`);
  if (filters.team) {
    where.push(`exists (select 1 from team_student_scope f_t where f_t.district_id = u.district_id
                and f_t.user_sourced_id = u.sourced_id and f_t.team_sourced_id = ${p.add(filters.team)})`);
  }
  if (filters.class) {
    where.push(`exists (select 1 from enrollments f_e where f_e.district_id = u.district_id and f_e.user_sourced_id = u.sourced_id
                and f_e.class_sourced_id = ${p.add(filters.class)} and f_e.role = 'student')`);
  }
  if (filters.englishLearner !== undefined) where.push(`coalesce(sa.english_learner, false) = ${p.add(filters.englishLearner)}`);
  if (filters.specialEducation !== undefined) where.push(`coalesce(sa.special_education, false) = ${p.add(filters.specialEducation)}`);
  if (filters.economicallyDisadvantaged !== undefined) {
    where.push(`coalesce(sa.economically_disadvantaged, false) = ${p.add(filters.economicallyDisadvantaged)}`);
  }
  if (page.after) {
    const [family, given, id] = page.after;
    where.push(`(u.family_name, u.given_name, u.sourced_id) > (${p.add(family)}, ${p.add(given)}, ${p.add(id)})`);
  }
  // One extra row tells whether another page follows.
  const rows = await studentSummaries(sql, p, where.join(' and '), page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, nextKey: rows.length > page.limit && last ? [last.familyName, last.givenName, last.sourcedId] : null };
}


const RACE_COLUMNS = {
  americanIndianOrAlaskaNative: 'american_indian_or_alaska_native',
  asian: 'asian',
  blackOrAfricanAmerican: 'black_or_african_american',
  nativeHawaiianOrOtherPacificIslander: 'native_hawaiian_or_other_pacific_islander',
  white: 'white',
  demographicRaceTwoOrMoreRaces: 'two_or_more_races',
} as const;

/**
 * A student's profile if the scope sees the student, else null. The profile is the
 * student's whole picture (all classes, teams and adults), as a person in scope.
 */
export async function getStudentProfile(sql: Sql, scope: Scope, sourcedId: string): Promise<StudentProfile | null> {
  const p = new Params();
  const visible = studentVisible(scope, p, 'u');
  const [summary] = await studentSummaries(sql, p, `${visible} and u.sourced_id = ${p.add(sourcedId)}`);
  if (!summary) return null;
  const key = [scope.districtId, sourcedId];

  const person = await sql.query<{ email: string | null; username: string | null }>(
    'select email, username from users where district_id = $1 and sourced_id = $2',
    key,
  );
  const demographics = await sql.query<Record<string, unknown>>(
    `select birth_date, sex, hispanic_or_latino, ${Object.values(RACE_COLUMNS).join(', ')}
     from demographics where district_id = $1 and user_sourced_id = $2`,
    key,
  );
  const classParams = new Params();
  const district = classParams.add(scope.districtId);
  const student = classParams.add(sourcedId);
  const classes = await classSummaries(
    sql,
    classParams,
    `c.district_id = ${district} and exists (select 1 from enrollments pe where pe.district_id = c.district_id
       and pe.class_sourced_id = c.sourced_id and pe.user_sourced_id = ${student} and pe.role = 'student')`,
  );
  const teams = await sql.query<{ sourcedId: string; name: string }>(
    `select t.sourced_id as "sourcedId", t.name
     from teams t join team_student_scope s on s.district_id = t.district_id and s.team_sourced_id = t.sourced_id
     where t.district_id = $1 and s.user_sourced_id = $2
     order by t.name, t.sourced_id`,
    key,
  );
  const adults = await sql.query<{ sourcedId: string; name: string; role: string; via: string }>(
    `select * from (
       select distinct a.sourced_id as "sourcedId", ${personName('a')} as name, te.role, c.title as via, a.family_name, a.given_name
       from enrollments se
       join enrollments te on te.district_id = se.district_id and te.class_sourced_id = se.class_sourced_id and te.role = 'teacher'
       join classes c on c.district_id = se.district_id and c.sourced_id = se.class_sourced_id
       join users a on a.district_id = te.district_id and a.sourced_id = te.user_sourced_id
       where se.district_id = $1 and se.user_sourced_id = $2 and se.role = 'student'
       union
       select distinct a.sourced_id, ${personName('a')}, tm.role, t.name, a.family_name, a.given_name
       from team_student_scope s
       join teams t on t.district_id = s.district_id and t.sourced_id = s.team_sourced_id
       join team_members tm on tm.district_id = s.district_id and tm.team_sourced_id = s.team_sourced_id
       join users a on a.district_id = tm.district_id and a.sourced_id = tm.user_sourced_id
       where s.district_id = $1 and s.user_sourced_id = $2
     ) adults
     order by family_name, given_name, "sourcedId", via`,
    key,
  );

  const d = demographics.rows[0];
  return {
    ...summary,
    email: person.rows[0]?.email ?? null,
    username: person.rows[0]?.username ?? null,
    demographics: d
      ? {
          birthDate: (d.birth_date as string | null) ?? null,
          sex: (d.sex as string | null) ?? null,
          races: Object.entries(RACE_COLUMNS)
            .filter(([, column]) => d[column] === true)
            .map(([race]) => race),
          hispanicOrLatino: (d.hispanic_or_latino as boolean | null) ?? null,
        }
      : null,
    classes,
    teams: teams.rows,
    adults: adults.rows.map(({ sourcedId, name, role, via }) => ({ sourcedId, name, role, via })),
  };
}
