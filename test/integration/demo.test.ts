import { beforeAll, expect, it } from 'vitest';
import { findAccountByEmail } from '../../src/db/accounts.ts';
import { rosterStats } from '../../src/db/stats.ts';
import { generateDemoDistrict } from '../../src/demo/generate.ts';
import { DEMO_ACCOUNTS, DemoDistrictExistsError, demoAccountsIn, loadDemoDistrict, type LoadedDemo } from '../../src/demo/load.ts';
import { describeEachEngine } from './engines.ts';

const SIZE = { students: 600, seed: 3 };

describeEachEngine('demo district', (ctx) => {
  const generated = generateDemoDistrict(SIZE);
  let loaded: LoadedDemo;
  beforeAll(async () => {
    loaded = await loadDemoDistrict(ctx.db, SIZE);
  });

  it('loads every generated row through the importers', async () => {
    expect(loaded.report.outcome).toBe('accepted');
    expect(loaded.attributesReport.outcome).toBe('accepted');
    const { tables } = generated;
    expect(await rosterStats(ctx.db, loaded.districtId)).toEqual({
      districts: 1,
      schools: generated.schools.length,
      academicSessions: tables.academicSessions.length,
      courses: tables.courses.length,
      classes: tables.classes.length,
      students: SIZE.students,
      staff: tables.users.length - SIZE.students,
      enrollments: tables.enrollments.length,
      teams: tables.teams.length,
    });
    const { rows } = await ctx.db.query<{ members: number; teamStudents: number; teamClasses: number; el: number; demo: boolean }>(
      `select (select count(*)::int from team_members where district_id = $1) as members,
              (select count(*)::int from team_students where district_id = $1) as "teamStudents",
              (select count(*)::int from team_classes where district_id = $1) as "teamClasses",
              (select count(*)::int from student_attributes where district_id = $1 and english_learner) as el,
              (select is_demo from districts where id = $1) as demo`,
      [loaded.districtId],
    );
    expect(rows[0]).toEqual({
      members: tables.teamMembers.length,
      teamStudents: tables.teamStudents.length,
      teamClasses: tables.teamClasses.length,
      el: tables.studentsAttributes.filter((a) => a.englishLearner === 'true').length,
      demo: true,
    });
  });

  it('creates the demo sign-ins, the leader leading a grade-6 team', async () => {
    expect(await demoAccountsIn(ctx.db)).toEqual(DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })));
    const leader = await findAccountByEmail(ctx.db, 'leader@demo.school');
    expect(leader).toMatchObject({ role: 'teacher_leader', districtId: loaded.districtId });
    const { rows } = await ctx.db.query<{ grades: string[] }>(
      `select t.grades from team_members m join teams t on t.district_id = m.district_id and t.sourced_id = m.team_sourced_id
       where m.district_id = $1 and m.user_sourced_id = $2 and m.role = 'teacher_leader'`,
      [loaded.districtId, leader!.userSourcedId],
    );
    expect(rows).toEqual([{ grades: ['06'] }]);
  });

  it('refuses a second demo district unless asked to replace it', async () => {
    await expect(loadDemoDistrict(ctx.db, SIZE)).rejects.toBeInstanceOf(DemoDistrictExistsError);
    const replaced = await loadDemoDistrict(ctx.db, { students: 300, seed: 4, replace: true });
    const stats = await rosterStats(ctx.db);
    expect(stats.districts).toBe(1);
    expect(stats.students).toBe(300);
    expect((await findAccountByEmail(ctx.db, 'admin@demo.school'))?.districtId).toBe(replaced.districtId);
  });
});
