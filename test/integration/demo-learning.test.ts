import { beforeAll, expect, it } from 'vitest';
import { auc } from '../../src/core/mastery/metrics.ts';
import { unmappedSummary } from '../../src/db/statement-evidence.ts';
import { AUTHORITY_HOME_PAGE } from '../../src/server/xapi/auth.ts';
import { generateDemoDistrict } from '../../src/demo/generate.ts';
import { DEMO_SKILLS } from '../../src/demo/learning/framework.ts';
import { planDemoLearning } from '../../src/demo/learning/plan.ts';
import { ADAPTIVE_PROGRAM, CHECKIN_PROGRAM, FLUENCY_SPRINT_HOST } from '../../src/demo/learning/simulate.ts';
import { loadDemoDistrict, type LoadedDemo } from '../../src/demo/load.ts';
import { describeEachEngine } from './engines.ts';

const SIZE = { students: 400, seed: 5 };
// A fixed "today" (a Friday afternoon), so the test does not depend on the clock.
const NOW = new Date('2026-11-20T16:00:00Z');

describeEachEngine('demo learning data', (ctx) => {
  const plan = planDemoLearning(generateDemoDistrict(SIZE), NOW);
  let loaded: LoadedDemo;
  beforeAll(async () => {
    loaded = await loadDemoDistrict(ctx.db, { ...SIZE, now: NOW });
  }, 120_000);

  it('imports the math framework through the CASE importer and links it to the middle-school math courses', async () => {
    const { rows } = await ctx.db.query<{ source: string; standards: number; links: number; prerequisites: number; imports: number }>(
      `select f.source,
              (select count(*)::int from skills s where s.district_id = f.district_id and s.framework_id = f.id and s.item_type = 'Standard') as standards,
              (select count(*)::int from skill_courses c where c.district_id = f.district_id) as links,
              (select count(*)::int from skill_prerequisites p where p.district_id = f.district_id) as prerequisites,
              (select count(*)::int from import_runs r where r.district_id = f.district_id and r.kind = 'case') as imports
       from skill_frameworks f where f.district_id = $1`,
      [loaded.districtId],
    );
    expect(rows).toEqual([
      {
        source: 'case',
        standards: DEMO_SKILLS.length,
        links: plan.courseLinks.length,
        prerequisites: DEMO_SKILLS.reduce((n, s) => n + s.prerequisites.length, 0),
        imports: 1,
      },
    ]);
    expect(plan.courseLinks.length).toBeGreaterThan(0);
  });

  it('gives every middle-school team a current sequence of its grade ending on the last school day', async () => {
    const { rows } = await ctx.db.query<{ team: string; skills: number; first: string; last: string; codes: string[] }>(
      `select q.team_sourced_id as team, count(*)::int as skills, min(q.starts_on)::text as first, max(q.ends_on)::text as last,
              array_agg(s.code order by q.position) as codes
       from team_skill_sequences q join skills s on s.district_id = q.district_id and s.id = q.skill_id
       where q.district_id = $1 group by q.team_sourced_id order by q.team_sourced_id`,
      [loaded.districtId],
    );
    expect(rows.map((r) => r.team)).toEqual(plan.sequences.map((s) => s.team).sort());
    for (const row of rows) {
      expect(row.first).toBe('2026-09-28');
      expect(row.last).toBe('2026-11-20');
      const grade = plan.sequences.find((s) => s.team === row.team)!.grade;
      expect(row.codes).toEqual(DEMO_SKILLS.filter((s) => s.grade === grade).slice(0, 8).map((s) => s.code));
    }
  });

  it('stores the statements of two programs through the LRS, with each program as authority', async () => {
    const learning = loaded.learning!;
    expect(learning.programs.map((p) => p.name)).toEqual([ADAPTIVE_PROGRAM, CHECKIN_PROGRAM]);
    expect(learning.students).toBe(plan.students.length);
    const { rows } = await ctx.db.query<{ authority: string; platform: string; n: number; latest: string }>(
      `select s.statement->'authority'->'account'->>'name' as authority, s.statement->'context'->>'platform' as platform,
              count(*)::int as n, max(s."timestamp") as latest
       from xapi_statements s join integrations i on i.district_id = s.district_id and i.id = s.integration_id
       where s.district_id = $1 and s.statement->'authority'->'account'->>'homePage' = $2 and i.key = s.statement->'authority'->'account'->>'name'
       group by 1, 2 order by 2`,
      [loaded.districtId, AUTHORITY_HOME_PAGE],
    );
    const keyOf = new Map(learning.programs.map((p) => [p.name, p.key]));
    expect(rows.map((r) => [r.platform, r.authority])).toEqual([
      [CHECKIN_PROGRAM, keyOf.get(CHECKIN_PROGRAM)],
      [ADAPTIVE_PROGRAM, keyOf.get(ADAPTIVE_PROGRAM)],
    ]);
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(learning.statements);
    // About eight weeks of school for every reporting student, nothing after "today".
    expect(learning.statements).toBeGreaterThan(plan.students.length * 40);
    for (const row of rows) expect(new Date(row.latest).getTime()).toBeLessThanOrEqual(NOW.getTime());
  });

  it('turns the statements into evidence, listing the few on activities outside the framework as unmapped', async () => {
    const learning = loaded.learning!;
    expect(learning.evidence + learning.unmapped).toBe(learning.statements);
    const summary = await unmappedSummary(ctx.db, loaded.districtId, 20);
    expect(summary.byReason.map((r) => r.reason)).toEqual(['no skill']);
    expect(summary.total).toBe(learning.unmapped);
    expect(summary.total).toBeGreaterThan(0);
    expect(summary.total).toBeLessThan(learning.statements * 0.1);
    for (const activity of summary.byActivity) {
      expect(activity.activityId!.startsWith(FLUENCY_SPRINT_HOST)).toBe(true);
      expect(activity.platform).toBe(ADAPTIVE_PROGRAM);
    }
  });

  it('fits mastery whose estimates recover the hidden truth of the simulation', async () => {
    const learning = loaded.learning!;
    expect(learning.mastery.responses).toBe(learning.evidence);
    const { rows } = await ctx.db.query<{ student: string; code: string; known: number }>(
      `select m.student_sourced_id as student, s.code, m.known
       from mastery_estimates m join skills s on s.district_id = m.district_id and s.id = m.skill_id
       where m.district_id = $1`,
      [loaded.districtId],
    );
    const truth = new Map(learning.truth.map((t) => [`${t.student}|${t.skill}`, t.knownAtEnd]));
    const pairs = rows.filter((r) => truth.has(`${r.student}|${r.code}`));
    expect(pairs.length).toBeGreaterThan(plan.students.length * 3);
    const outcomes = pairs.map((r) => truth.get(`${r.student}|${r.code}`)!);
    // Both classes are well represented (with 40 of the rarer class, chance gives an AUC within about 0.1 of 0.5), so 0.8 cannot come by chance.
    expect(outcomes.filter(Boolean).length).toBeGreaterThan(40);
    expect(outcomes.filter((o) => !o).length).toBeGreaterThan(40);
    expect(auc(pairs.map((r) => r.known), outcomes)).toBeGreaterThanOrEqual(0.8);
  });
});
