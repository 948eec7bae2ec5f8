import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { rosterStats } from '../../src/db/stats.ts';
import { formatProblem, importOneRoster } from '../../src/ingest/oneroster/index.ts';
import { describeEachEngine } from './engines.ts';
import { clearRoster, copyFixture, fingerprint, FIXTURES, zipFolder } from './helpers/imports.ts';

const V11 = path.join(FIXTURES, 'v1.1-bulk');
const V12 = path.join(FIXTURES, 'v1.2-bulk');
const V12_DELTA = path.join(FIXTURES, 'v1.2-delta');

const V11_STATS = {
  districts: 1,
  schools: 2,
  academicSessions: 3,
  courses: 4,
  classes: 5,
  students: 15,
  staff: 5,
  enrollments: 37,
  teams: 2,
};

/** Rewrites one physical line of a copied fixture file (line endings kept). */
function editLine(folder: string, file: string, line: number, edit: (text: string) => string): void {
  const full = path.join(folder, file);
  const lines = readFileSync(full, 'utf8').split('\n');
  lines[line - 1] = edit(lines[line - 1]!);
  writeFileSync(full, lines.join('\n'));
}

describeEachEngine('OneRoster import', (ctx) => {
  beforeEach(async () => {
    await clearRoster(ctx.db);
  });

  describe('1.1 bulk', () => {
    it('imports every file with exact counts', async () => {
      const report = await importOneRoster(ctx.db, V11);
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ outcome: 'accepted', version: '1.1', mode: 'bulk' });
      expect(report.counts.users).toEqual({ read: 20, accepted: 20, skipped: 0, deleted: 0 });
      expect(report.counts.enrollments).toEqual({ read: 37, accepted: 37, skipped: 0, deleted: 0 });
      expect(report.counts.teamMembers).toEqual({ read: 4, accepted: 4, skipped: 0, deleted: 0 });
      expect(await rosterStats(ctx.db)).toEqual(V11_STATS);
      const { rows: districts } = await ctx.db.query<{ id: string; sourced_id: string; name: string }>('select id, sourced_id, name from districts');
      expect(districts).toEqual([{ id: report.districtId, sourced_id: 'd-0417', name: 'Cedar Valley Unified School District' }]);
    });

    it('keeps extension columns, quoted lists, multi-line fields and the user-org links', async () => {
      await importOneRoster(ctx.db, V11);
      const { rows: users } = await ctx.db.query<{ extensions: unknown; user_ids: string[]; given_name: string }>(
        `select extensions, user_ids, given_name from users where sourced_id = 's-40002'`,
      );
      expect(users[0]).toEqual({ extensions: { ext_stateStudentId: 'ST40002', ext_transportation: 'Bus 7' }, user_ids: ['{SIS:40002}'], given_name: 'Mateo' });
      const { rows: classes } = await ctx.db.query<{ location: string; term_sourced_ids: string[]; periods: string[]; extensions: unknown }>(
        `select location, term_sourced_ids, periods, extensions from classes where sourced_id in ('cls-hr4', 'cls-m7-05') order by sourced_id`,
      );
      expect(classes).toEqual([
        { location: 'Room 12\nNorth wing', term_sourced_ids: ['as-2025'], periods: ['0'], extensions: {} },
        { location: 'Room 204', term_sourced_ids: ['as-2025-s1', 'as-2025-s2'], periods: ['5', '6'], extensions: {} },
      ]);
      const { rows: links } = await ctx.db.query<{ org_sourced_id: string }>(
        `select org_sourced_id from user_orgs where user_sourced_id = 'a-9001' order by 1`,
      );
      expect(links.map((l) => l.org_sourced_id)).toEqual(['sch-0417-101', 'sch-0417-202']);
    });

    it('changes nothing when the same files are imported again', async () => {
      await importOneRoster(ctx.db, V11);
      const before = await fingerprint(ctx.db);
      const again = await importOneRoster(ctx.db, V11);
      expect(again.outcome).toBe('accepted');
      expect(Object.values(again.counts).every((c) => c.deleted === 0)).toBe(true);
      expect(await fingerprint(ctx.db)).toEqual(before);
    });

    it('removes rows a later bulk file no longer lists', async () => {
      await importOneRoster(ctx.db, V11);
      const folder = copyFixture('v1.1-bulk');
      const enrollments = readFileSync(path.join(folder, 'enrollments.csv'), 'utf8').split('\r\n');
      writeFileSync(path.join(folder, 'enrollments.csv'), enrollments.filter((l) => !l.includes('s-40004')).join('\r\n'));
      const report = await importOneRoster(ctx.db, folder);
      expect(report.counts.enrollments).toMatchObject({ read: 34, accepted: 34, deleted: 3 });
      expect((await rosterStats(ctx.db)).enrollments).toBe(34);
      rmSync(folder, { recursive: true });
    });

    it('reads a zip, as bytes or as a file, with the files in a subfolder', async () => {
      const bytes = zipFolder(V11, 'cvusd-export-20240901/');
      const fromBytes = await importOneRoster(ctx.db, bytes);
      expect(fromBytes.outcome).toBe('accepted');
      expect(await rosterStats(ctx.db)).toEqual(V11_STATS);
      await clearRoster(ctx.db);
      const file = path.join(tmpdir(), `trellis-${Date.now()}.zip`);
      writeFileSync(file, bytes);
      const fromFile = await importOneRoster(ctx.db, file);
      expect(fromFile.outcome).toBe('accepted');
      expect(await rosterStats(ctx.db)).toEqual(V11_STATS);
      rmSync(file);
    });
  });

  describe('row problems', () => {
    it('skips bad rows with precise messages, cascading to rows that refer to them', async () => {
      const folder = copyFixture('v1.1-bulk');
      // classes.csv line 6 follows a quoted two-line field (lines 4-5).
      editLine(folder, 'classes.csv', 6, (l) => l.replace(',scheduled,', ',lecture,'));
      editLine(folder, 'users.csv', 3, (l) => l.replace(',teacher,', ',teachr,'));
      const report = await importOneRoster(ctx.db, folder);
      expect(report.outcome).toBe('accepted');
      const lines = report.problems.map(formatProblem);
      expect(lines).toContain('classes.csv:6: classType "lecture": must be one of: homeroom, scheduled, or ext:... for an extension');
      expect(lines).toContain('users.csv:3: role "teachr": must be one of: administrator, aide, guardian, parent, proctor, relative, student, teacher');
      // The Life Science class was skipped, so its teacher's and students' enrollments are too.
      const cascaded = report.problems.filter((p) => p.message === 'refers to a class that was skipped (classes.csv:6)');
      expect(cascaded).toHaveLength(9);
      expect(report.problems.find((p) => p.value === 't-1002')).toMatchObject({
        file: 'enrollments.csv',
        field: 'userSourcedId',
        message: 'refers to a user that was skipped (users.csv:3)',
      });
      expect(report.counts.classes).toEqual({ read: 5, accepted: 4, skipped: 1, deleted: 0 });
      expect(report.counts.enrollments).toMatchObject({ read: 37, accepted: 27, skipped: 10 });
      expect(await rosterStats(ctx.db)).toMatchObject({ classes: 4, enrollments: 27, staff: 4 });
      rmSync(folder, { recursive: true });
    });

    it('reports duplicates, bad dates and a dangling reference with file and line', async () => {
      const folder = copyFixture('v1.1-bulk');
      editLine(folder, 'courses.csv', 3, (l) => l.replace('crs-r4', 'crs-m4'));
      editLine(folder, 'academicSessions.csv', 3, (l) => l.replace('2024-12-20', '2024-13-20'));
      editLine(folder, 'enrollments.csv', 2, (l) => l.replace(',t-1001,', ',t-9999,'));
      const report = await importOneRoster(ctx.db, folder);
      const lines = report.problems.map(formatProblem);
      expect(lines).toContain('courses.csv:3: sourcedId "crs-m4": duplicate sourcedId: first on line 2');
      expect(lines).toContain('academicSessions.csv:3: endDate "2024-13-20": must be a date YYYY-MM-DD');
      expect(lines).toContain('enrollments.csv:2: userSourcedId "t-9999": no user with this sourcedId in users.csv');
      rmSync(folder, { recursive: true });
    });
  });

  describe('rejections leave the data exactly as it was', () => {
    async function expectRejected(folder: string, options: { strict?: boolean } = {}) {
      await importOneRoster(ctx.db, V11);
      const before = await fingerprint(ctx.db);
      const report = await importOneRoster(ctx.db, folder, options);
      expect(report.outcome).toBe('rejected');
      expect(await fingerprint(ctx.db)).toEqual(before);
      const { rows } = await ctx.db.query<{ outcome: string }>('select outcome from import_runs order by finished_at');
      expect(rows.map((r) => r.outcome)).toEqual(['accepted', 'rejected']);
      rmSync(folder, { recursive: true });
      return report;
    }

    it('a missing required column', async () => {
      const folder = copyFixture('v1.1-bulk');
      editLine(folder, 'users.csv', 1, (l) => l.replace(',givenName,', ',firstName,'));
      const report = await expectRejected(folder);
      expect(report.error).toBe('users.csv:1: missing required column "givenName"');
    });

    it('a dangling reference under --strict', async () => {
      const folder = copyFixture('v1.1-bulk');
      editLine(folder, 'enrollments.csv', 12, (l) => l.replace('cls-m4-01', 'cls-m4-99'));
      const report = await expectRejected(folder, { strict: true });
      expect(report.error).toBeUndefined();
      expect(report.problems.map(formatProblem)).toEqual([
        'enrollments.csv:12: classSourcedId "cls-m4-99": no class with this sourcedId in classes.csv',
      ]);
    });

    it('unparsable CSV', async () => {
      const folder = copyFixture('v1.1-bulk');
      editLine(folder, 'courses.csv', 4, (l) => l.replace('Life Science 7', '"Life" Science 7'));
      const report = await expectRejected(folder);
      expect(report.error).toBe('courses.csv:4: unparsable CSV: a quoted field is followed by other text before the next comma');
    });

    it('no manifest, or a file the manifest lists is missing', async () => {
      const noManifest = copyFixture('v1.1-bulk');
      rmSync(path.join(noManifest, 'manifest.csv'));
      expect((await expectRejected(noManifest)).error).toMatch(/no manifest\.csv/);
      await clearRoster(ctx.db);
      const noUsers = copyFixture('v1.1-bulk');
      rmSync(path.join(noUsers, 'users.csv'));
      expect((await expectRejected(noUsers)).error).toBe('manifest.csv: lists users.csv (bulk) but the file is missing');
    });

    it('a bulk file with a header and no rows, which would empty the district', async () => {
      const folder = copyFixture('v1.1-bulk');
      const users = path.join(folder, 'users.csv');
      writeFileSync(users, `${readFileSync(users, 'utf8').split('\r\n')[0]}\r\n`);
      const report = await expectRejected(folder);
      expect(report.error).toMatch(/^users\.csv: a bulk file with no rows would delete all \d+ users of the district/);
    });

    it('a manifest that marks every file absent', async () => {
      const folder = copyFixture('v1.1-bulk');
      const manifest = path.join(folder, 'manifest.csv');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/,bulk/g, ',absent'));
      expect((await expectRejected(folder)).error).toBe('manifest.csv: every file is marked absent: there is nothing to import');
    });

    it('a second district org without --district', async () => {
      const folder = copyFixture('v1.1-bulk');
      const orgs = path.join(folder, 'orgs.csv');
      writeFileSync(orgs, `${readFileSync(orgs, 'utf8')}d-0999,,,Other District,district,0999,\r\n`);
      const report = await expectRejected(folder);
      expect(report.error).toBe('orgs.csv: 2 orgs of type district (d-0417, d-0999): name one with --district');
    });
  });

  describe('1.2 bulk and delta', () => {
    it('takes roles and schools from roles.csv', async () => {
      const report = await importOneRoster(ctx.db, V12);
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ outcome: 'accepted', version: '1.2', mode: 'bulk' });
      expect(report.counts.roles).toEqual({ read: 21, accepted: 21, skipped: 0, deleted: 0 });
      expect(await rosterStats(ctx.db)).toEqual({ ...V11_STATS, teams: 0 });
      const { rows } = await ctx.db.query<{ role: string; orgs: string[]; preferred_given_name: string | null }>(
        `select role, preferred_given_name,
                array(select org_sourced_id from user_orgs o where o.district_id = u.district_id and o.user_sourced_id = u.sourced_id order by 1) as orgs
         from users u where sourced_id in ('a-9001', 's-40003') order by sourced_id`,
      );
      expect(rows).toEqual([
        { role: 'districtAdministrator', preferred_given_name: null, orgs: ['sch-0417-101', 'sch-0417-202'] },
        { role: 'student', preferred_given_name: 'Sophie', orgs: ['sch-0417-101'] },
      ]);
    });

    it('applies a delta: updates, additions and tobedeleted', async () => {
      await importOneRoster(ctx.db, V12);
      const report = await importOneRoster(ctx.db, V12_DELTA);
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ outcome: 'accepted', mode: 'delta' });
      expect(report.counts.classes).toEqual({ read: 2, accepted: 2, skipped: 0, deleted: 1 });
      expect(report.counts.users).toEqual({ read: 3, accepted: 3, skipped: 0, deleted: 1 });
      expect(await rosterStats(ctx.db)).toEqual({ ...V11_STATS, teams: 0, enrollments: 32 });
      const { rows } = await ctx.db.query<{ sourced_id: string; family_name: string; role: string }>(
        `select sourced_id, family_name, role from users where sourced_id in ('s-40002', 's-70007', 's-70009') order by 1`,
      );
      expect(rows).toEqual([
        { sourced_id: 's-40002', family_name: 'García-López', role: 'student' },
        { sourced_id: 's-70009', family_name: 'Okoye', role: 'student' },
      ]);
      const again = await fingerprint(ctx.db);
      await importOneRoster(ctx.db, V12_DELTA);
      expect(await fingerprint(ctx.db)).toEqual(again);
    });

    it('rejects a delta enrollment for a class the same delta deletes, under --strict', async () => {
      await importOneRoster(ctx.db, V12);
      const folder = copyFixture('v1.2-delta');
      const file = path.join(folder, 'enrollments.csv');
      writeFileSync(file, `${readFileSync(file, 'utf8')}e-hr4-s-40005,active,2025-01-06T07:15:00Z,cls-hr4,sch-0417-101,s-40005,student,false,,\r\n`);
      const before = await fingerprint(ctx.db);
      const report = await importOneRoster(ctx.db, folder, { strict: true });
      expect(report.outcome).toBe('rejected');
      expect(report.problems.map(formatProblem)).toEqual([
        'enrollments.csv:5: classSourcedId "cls-hr4": no class with this sourcedId in classes.csv or the district',
      ]);
      expect(await fingerprint(ctx.db)).toEqual(before);
      rmSync(folder, { recursive: true });
    });

    it('needs --district for a delta when several districts exist', async () => {
      await importOneRoster(ctx.db, V12);
      await ctx.db.query(`insert into districts (sourced_id, name) values ('d-other', 'Other')`);
      const report = await importOneRoster(ctx.db, V12_DELTA);
      expect(report.error).toBe('2 districts exist: name one with --district');
      expect((await importOneRoster(ctx.db, V12_DELTA, { districtSourcedId: 'd-0417' })).outcome).toBe('accepted');
    });
  });
});
