import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importStudentAttributes } from '../../src/ingest/attributes/index.ts';
import { formatProblem, importOneRoster } from '../../src/ingest/oneroster/index.ts';
import { importTeams } from '../../src/ingest/teams/index.ts';
import { describeEachEngine } from './engines.ts';
import { clearRoster, fingerprint, FIXTURES } from './helpers/imports.ts';

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'trellis-teams-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describeEachEngine('teams and student attributes import', (ctx) => {
  beforeEach(async () => {
    await clearRoster(ctx.db);
    await importOneRoster(ctx.db, path.join(FIXTURES, 'v1.2-bulk'));
  });

  describe('trellis import teams', () => {
    it("replaces each listed team's members, classes and students", async () => {
      const first = folderWith({
        'teams.csv': 'sourcedId,schoolSourcedId,name,grades\nteam-7,sch-0417-202,Grade 7 Team,07\nteam-4,sch-0417-101,Grade 4,"03,04"\n',
        'teamMembers.csv': 'teamSourcedId,userSourcedId,role\nteam-7,t-2001,teacher_leader\nteam-7,t-2002,tutor\nteam-4,t-1001,teacher_leader\n',
        'teamClasses.csv': 'teamSourcedId,classSourcedId\nteam-7,cls-sci7-03\n',
        'teamStudents.csv': 'teamSourcedId,userSourcedId\nteam-7,s-70008\n',
      });
      const report = await importTeams(ctx.db, first);
      expect(report.problems).toEqual([]);
      expect(report.outcome).toBe('accepted');
      const second = folderWith({
        'teamMembers.csv': 'teamSourcedId,userSourcedId,role\nteam-7,t-2001,teacher_leader\nteam-7,t-1002,RESIDENT\n',
      });
      const replaced = await importTeams(ctx.db, second);
      expect(replaced.counts.teamMembers).toEqual({ read: 2, accepted: 2, skipped: 0, deleted: 1 });
      const { rows } = await ctx.db.query<{ team: string; user: string; role: string }>(
        'select team_sourced_id as team, user_sourced_id as "user", role from team_members order by 1, 2',
      );
      expect(rows).toEqual([
        { team: 'team-4', user: 't-1001', role: 'teacher_leader' },
        { team: 'team-7', user: 't-1002', role: 'resident' },
        { team: 'team-7', user: 't-2001', role: 'teacher_leader' },
      ]);
      rmSync(first, { recursive: true });
      rmSync(second, { recursive: true });
    });

    it('reports bad roles and unknown people, and rejects them all under --strict', async () => {
      const folder = folderWith({
        'teams.csv': 'sourcedId,schoolSourcedId,name,grades\nteam-7,sch-0417-202,Grade 7 Team,07\nteam-x,sch-nope,Ghost Team,\n',
        'teamMembers.csv': 'teamSourcedId,userSourcedId,role\nteam-7,t-2001,principal\nteam-7,t-0000,teacher\nteam-x,t-2002,teacher\n',
      });
      const before = await fingerprint(ctx.db);
      const strict = await importTeams(ctx.db, folder, { strict: true });
      expect(strict.outcome).toBe('rejected');
      expect(await fingerprint(ctx.db)).toEqual(before);
      expect(strict.problems.map(formatProblem)).toEqual([
        'teams.csv:3: schoolSourcedId "sch-nope": no school with this sourcedId in the district',
        'teamMembers.csv:2: role "principal": must be one of: teacher_leader, teacher, tutor, resident, coach',
        'teamMembers.csv:3: userSourcedId "t-0000": no user with this sourcedId in the district',
        'teamMembers.csv:4: teamSourcedId "team-x": refers to a team that was skipped (teams.csv:3)',
      ]);
      const lenient = await importTeams(ctx.db, folder);
      expect(lenient.outcome).toBe('accepted');
      expect(lenient.counts.teams).toEqual({ read: 2, accepted: 1, skipped: 1, deleted: 0 });
      rmSync(folder, { recursive: true });
    });
  });

  describe('trellis import students-attributes', () => {
    it('finds students by sourcedId, identifier or username and reads loose booleans', async () => {
      const report = await importStudentAttributes(ctx.db, path.join(FIXTURES, 'students-attributes.csv'));
      expect(report.problems).toEqual([]);
      expect(report.counts.studentsAttributes).toEqual({ read: 5, accepted: 5, skipped: 0, deleted: 0 });
      const { rows } = await ctx.db.query(
        `select user_sourced_id, english_learner, special_education, economically_disadvantaged, home_language
         from student_attributes order by 1`,
      );
      expect(rows).toEqual([
        { user_sourced_id: 's-40001', english_learner: false, special_education: false, economically_disadvantaged: false, home_language: null },
        { user_sourced_id: 's-40002', english_learner: true, special_education: false, economically_disadvantaged: true, home_language: 'Spanish' },
        { user_sourced_id: 's-40003', english_learner: true, special_education: false, economically_disadvantaged: true, home_language: 'Vietnamese' },
        { user_sourced_id: 's-70005', english_learner: true, special_education: false, economically_disadvantaged: true, home_language: 'Spanish' },
        { user_sourced_id: 's-70006', english_learner: false, special_education: true, economically_disadvantaged: false, home_language: 'Hawaiian' },
      ]);
      const before = await fingerprint(ctx.db);
      await importStudentAttributes(ctx.db, path.join(FIXTURES, 'students-attributes.csv'));
      expect(await fingerprint(ctx.db)).toEqual(before);
    });

    it('skips rows it cannot read, with file and line', async () => {
      const folder = folderWith({
        'attrs.csv':
          'student,englishLearner,specialEducation,economicallyDisadvantaged,homeLanguage\n' +
          's-40001,maybe,no,no,\n' +
          't-1001,no,no,no,\n' +
          's-40002,yes,no,no,Spanish\n' +
          '40002,no,no,no,\n',
      });
      const report = await importStudentAttributes(ctx.db, path.join(folder, 'attrs.csv'));
      expect(report.problems.map(formatProblem)).toEqual([
        'attrs.csv:2: englishLearner "maybe": must be true/false, yes/no, Y/N or 1/0',
        'attrs.csv:3: student "t-1001": no student with this sourcedId, identifier or username in the district',
        'attrs.csv:5: student "40002": the same student as on line 4',
      ]);
      expect(report.counts.studentsAttributes).toEqual({ read: 4, accepted: 1, skipped: 3, deleted: 0 });
      const missing = await importStudentAttributes(ctx.db, path.join(folder, 'nope.csv'));
      expect(missing).toMatchObject({ outcome: 'rejected', error: `${path.join(folder, 'nope.csv')}: no such file or folder` });
      rmSync(folder, { recursive: true });
    });
  });
});
