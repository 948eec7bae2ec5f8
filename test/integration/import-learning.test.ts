/** The learning-data imports on both engines: CASE, skills CSV, evidence CSV, activity map and OneRoster gradebook results. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importActivityMap } from '../../src/ingest/activity-map/index.ts';
import { importCase } from '../../src/ingest/case/index.ts';
import { formatProblem } from '../../src/ingest/common/report.ts';
import { importEvidence } from '../../src/ingest/evidence/index.ts';
import { importOneRoster } from '../../src/ingest/oneroster/index.ts';
import { importResults } from '../../src/ingest/results/index.ts';
import { importSkills } from '../../src/ingest/skills/index.ts';
import { describeEachEngine } from './engines.ts';
import { clearRoster, FIXTURES } from './helpers/imports.ts';
import { CASE_FILE, evidenceRows, LEARNING, learningFingerprint, prerequisiteCodes, tempFile, tempFolder } from './helpers/learning.ts';

const casePackage = () => JSON.parse(readFileSync(CASE_FILE, 'utf8')) as {
  CFDocument: Record<string, unknown>;
  CFItems: Record<string, unknown>[];
  CFAssociations: { associationType: string; originNodeURI: { identifier: string }; destinationNodeURI: { identifier: string } }[];
};
const caseFile = (pkg: unknown) => tempFile('math.json', JSON.stringify(pkg, null, 2));

describeEachEngine('learning data imports', (ctx) => {
  beforeEach(async () => {
    await clearRoster(ctx.db);
    await importOneRoster(ctx.db, path.join(FIXTURES, 'v1.2-bulk'));
  });

  describe('trellis import case', () => {
    it('makes a framework with its tree in sequence order and prerequisites from precedes', async () => {
      const report = await importCase(ctx.db, CASE_FILE);
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ outcome: 'accepted' });
      expect(report.counts).toEqual({
        CFItems: { read: 9, accepted: 9, skipped: 0, deleted: 0 },
        isChildOf: { read: 9, accepted: 9, skipped: 0, deleted: 0 },
        precedes: { read: 5, accepted: 5, skipped: 0, deleted: 0 },
      });
      const { rows } = await ctx.db.query<{ code: string; parent: string | null; sort_order: number; item_type: string }>(
        `select s.code, p.code as parent, s.sort_order, s.item_type from skills s left join skills p on p.id = s.parent_id
         order by p.code nulls first, s.sort_order`,
      );
      expect(rows.map((r) => `${r.parent ?? '-'} > ${r.sort_order}. ${r.code} (${r.item_type})`)).toEqual([
        '- > 1. 6.RP (Domain)',
        '6.RP > 1. 6.RP.A (Cluster)',
        '6.RP.A > 1. 6.RP.A.1 (Standard)',
        '6.RP.A > 2. 6.RP.A.2 (Standard)',
        '6.RP.A > 3. 6.RP.A.3 (Standard)',
        '6.RP.A.3 > 1. 6.RP.A.3a (Standard)',
        '6.RP.A.3 > 2. 6.RP.A.3b (Standard)',
        '6.RP.A.3 > 3. 6.RP.A.3c (Standard)',
        '6.RP.A.3 > 4. 6.RP.A.3d (Standard)',
      ]);
      // isPeerOf (6.RP.A.3b, 6.RP.A.3d) is not a prerequisite.
      expect(await prerequisiteCodes(ctx.db)).toEqual([
        '6.RP.A.2 <- 6.RP.A.1',
        '6.RP.A.3a <- 6.RP.A.1',
        '6.RP.A.3b <- 6.RP.A.2',
        '6.RP.A.3b <- 6.RP.A.3a',
        '6.RP.A.3c <- 6.RP.A.3b',
      ]);
      const framework = await ctx.db.query('select source, title, version from skill_frameworks');
      expect(framework.rows).toEqual([{ source: 'case', title: 'Grade 6 Mathematics: Ratios (Trellis sample)', version: '2025.1' }]);
    });

    it('changes nothing when the same package comes again, and applies a newer version by identifier', async () => {
      await importCase(ctx.db, CASE_FILE);
      const before = await learningFingerprint(ctx.db);
      expect((await importCase(ctx.db, CASE_FILE)).outcome).toBe('accepted');
      expect(await learningFingerprint(ctx.db)).toEqual(before);

      const pkg = casePackage();
      pkg.CFDocument.version = '2025.2';
      pkg.CFItems[2]!.fullStatement = 'Describe a ratio relationship with ratio language';
      // 6.RP.A.3a no longer needs 6.RP.A.1.
      pkg.CFAssociations = pkg.CFAssociations.filter((a) => !(a.associationType === 'precedes' && a.destinationNodeURI.identifier === 'd60de1c8-38c0-53b1-8112-18e454361436'));
      const report = await importCase(ctx.db, caseFile(pkg));
      expect(report.counts.precedes).toEqual({ read: 4, accepted: 4, skipped: 0, deleted: 1 });
      expect(await prerequisiteCodes(ctx.db)).not.toContain('6.RP.A.3a <- 6.RP.A.1');
      const { rows } = await ctx.db.query<{ n: number; name: string }>(
        `select (select count(*)::int from skills) as n, name from skills where code = '6.RP.A.1'`,
      );
      expect(rows).toEqual([{ n: 9, name: 'Describe a ratio relationship with ratio language' }]);
    });

    it('rejects a package with a broken shape, naming the JSON path, and changes nothing', async () => {
      await importCase(ctx.db, CASE_FILE);
      const before = await learningFingerprint(ctx.db);
      const pkg = casePackage();
      delete pkg.CFItems[4]!.identifier;
      const file = caseFile(pkg);
      const report = await importCase(ctx.db, file);
      expect(report.outcome).toBe('rejected');
      const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('"6.RP.A.3"')) - 2;
      expect(report.error).toBe(`math.json:${line}: CFItems[4].identifier: missing`);
      const garbled = await importCase(ctx.db, tempFile('math.json', '{"CFDocument": {"identifier": "x",\n"title": "y",}}'));
      expect(garbled.error).toBe("math.json:2: unparsable JSON: Expected double-quoted property name");
      expect(await learningFingerprint(ctx.db)).toEqual(before);
    });

    it('skips associations it cannot use, and rejects them all under --strict', async () => {
      const pkg = casePackage();
      const rpA1 = pkg.CFAssociations.find((a) => a.associationType === 'precedes')!;
      // 6.RP.A.1 now also needs 6.RP.A.2, which needs 6.RP.A.1: a loop.
      pkg.CFAssociations.push({ ...rpA1, originNodeURI: rpA1.destinationNodeURI, destinationNodeURI: rpA1.originNodeURI });
      pkg.CFAssociations.push({ ...rpA1, originNodeURI: { identifier: '00000000-0000-4000-8000-00000000dead' } });
      const file = caseFile(pkg);
      const strict = await importCase(ctx.db, file, { strict: true });
      expect(strict.outcome).toBe('rejected');
      expect(await learningFingerprint(ctx.db)).toMatchObject({ skills: '0:d41d8cd98f00b204e9800998ecf8427e' });
      const lines = readFileSync(file, 'utf8').split('\n');
      const start = (index: number) => {
        let seen = -1;
        return lines.findIndex((l) => l === '    {' && ++seen === index) + 1;
      };
      const at = (i: number) => start(pkg.CFItems.length + i);
      expect(strict.problems.map(formatProblem)).toEqual([
        `math.json:${at(15)}: CFAssociations[15].originNodeURI "6fc5e1f9-5dca-538d-9a53-e533d780a611": would make a prerequisite loop: 6.RP.A.1 → 6.RP.A.2 → 6.RP.A.1`,
        `math.json:${at(16)}: CFAssociations[16].originNodeURI "00000000-0000-4000-8000-00000000dead": no CFItem with this identifier in the package or the district`,
      ]);
      const lenient = await importCase(ctx.db, file);
      expect(lenient.counts.precedes).toEqual({ read: 7, accepted: 5, skipped: 2, deleted: 0 });
    });
  });

  describe('trellis import skills', () => {
    it("builds a local framework on the state's skills, with courses by sourcedId or courseCode", async () => {
      await importCase(ctx.db, CASE_FILE);
      const report = await importSkills(ctx.db, path.join(LEARNING, 'skills.csv'));
      expect(report.problems).toEqual([]);
      expect(report.counts.skills).toEqual({ read: 4, accepted: 4, skipped: 0, deleted: 0 });
      expect((await prerequisiteCodes(ctx.db)).filter((l) => l.startsWith('R7'))).toEqual([
        'R7.1 <- 6.RP.A.1',
        'R7.2 <- 6.RP.A.2',
        'R7.2 <- R7.1',
        'R7.3 <- 6.RP.A.3c',
        'R7.3 <- R7.2',
      ]);
      const { rows } = await ctx.db.query<{ code: string; parent: string | null; courses: string[]; framework: string }>(
        `select s.code, p.code as parent, f.title as framework,
                array(select c.course_sourced_id from skill_courses c where c.skill_id = s.id order by 1) as courses
         from skills s join skill_frameworks f on f.id = s.framework_id left join skills p on p.id = s.parent_id
         where f.source = 'csv' order by s.sort_order`,
      );
      expect(rows).toEqual([
        { code: 'R7', parent: null, courses: [], framework: 'Local skills' },
        { code: 'R7.1', parent: 'R7', courses: ['crs-m7'], framework: 'Local skills' },
        { code: 'R7.2', parent: 'R7', courses: ['crs-m7'], framework: 'Local skills' },
        { code: 'R7.3', parent: 'R7', courses: ['crs-m7'], framework: 'Local skills' },
      ]);
      const before = await learningFingerprint(ctx.db);
      await importSkills(ctx.db, path.join(LEARNING, 'skills.csv'));
      expect(await learningFingerprint(ctx.db)).toEqual(before);
    });

    it('reports row problems with file and line, skips rows leaning on skipped rows, and rejects all under --strict', async () => {
      const file = tempFile(
        'skills.csv',
        'code,name,parent,prerequisites,course\n' +
          'A,Alpha,,,\n' +
          'B,Beta,A,A;Z,\n' +
          'C,Gamma,B,,crs-nope\n' +
          'D,Delta,A,E,MATH4\n' +
          'E,Epsilon,A,D,\n' +
          ',Nameless,,,\n' +
          'A,Alpha again,,,\n' +
          'F,Phi,F,,\n',
      );
      const strict = await importSkills(ctx.db, file, { strict: true });
      expect(strict.outcome).toBe('rejected');
      expect((await learningFingerprint(ctx.db)).skills).toBe('0:d41d8cd98f00b204e9800998ecf8427e');
      expect(strict.problems.map(formatProblem)).toEqual([
        'skills.csv:3: prerequisites "Z": no skill with this code, CASE identifier or URI in the district',
        'skills.csv:4: course "crs-nope": no course with this sourcedId or courseCode in the district',
        'skills.csv:5: prerequisites "E": refers to a skill that was skipped (skills.csv:6)',
        'skills.csv:6: prerequisites "D": would make a prerequisite loop: E → D → E',
        'skills.csv:7: code "": is required',
        'skills.csv:8: code "A": the same code as on line 2',
        'skills.csv:9: parent "F": a skill cannot be its own parent',
      ]);
      const lenient = await importSkills(ctx.db, file);
      expect(lenient.counts.skills).toEqual({ read: 8, accepted: 1, skipped: 7, deleted: 0 });
      const { rows } = await ctx.db.query<{ code: string }>('select code from skills order by code');
      expect(rows.map((r) => r.code)).toEqual(['A']);
    });

    it('skips a row whose parent was skipped, citing the line', async () => {
      const report = await importSkills(ctx.db, tempFile('s.csv', 'code,name,parent\nA,,\nB,Beta,A\nC,Gamma,B\n'));
      expect(report.problems.map(formatProblem)).toEqual([
        's.csv:2: name "": is required',
        's.csv:3: parent "A": refers to a skill that was skipped (s.csv:2)',
        's.csv:4: parent "B": refers to a skill that was skipped (s.csv:3)',
      ]);
      expect(report.outcome).toBe('accepted');
    });
  });

  describe('trellis import evidence', () => {
    beforeEach(async () => {
      await importCase(ctx.db, CASE_FILE);
      await importSkills(ctx.db, path.join(LEARNING, 'skills.csv'));
    });

    it('finds students and skills by any of their names, and scores against the threshold', async () => {
      const report = await importEvidence(ctx.db, path.join(LEARNING, 'evidence.csv'));
      expect(report.problems).toEqual([]);
      expect(report.counts.evidence).toEqual({ read: 5, accepted: 5, skipped: 0, deleted: 0 });
      expect(await evidenceRows(ctx.db)).toEqual([
        ['s-70001', '6.RP.A.1', '2025-09-02T10:15:00.000Z', true, null, 'csv', 'evidence.csv:2'],
        ['s-70002', '6.RP.A.2', '2025-09-02T17:20:00.000Z', true, 0.9, 'csv', 'evidence.csv:3'],
        ['s-70002', 'R7.1', '2025-09-03T00:00:00.000Z', false, null, 'csv', 'evidence.csv:4'],
        ['s-70001', '6.RP.A.1', '2025-09-04T09:00:00.000Z', true, null, 'csv', 'evidence.csv:5'],
        ['s-70003', '6.RP.A.3b', '2025-09-04T09:05:00.000Z', false, 0.5, 'csv', 'evidence.csv:6'],
      ]);
      const before = await learningFingerprint(ctx.db);
      expect((await importEvidence(ctx.db, path.join(LEARNING, 'evidence.csv'))).outcome).toBe('accepted');
      expect(await learningFingerprint(ctx.db)).toEqual(before);
      // A lower threshold makes the 0.5 right; the same rows are updated, not added.
      await importEvidence(ctx.db, path.join(LEARNING, 'evidence.csv'), { threshold: 0.5 });
      const after = await evidenceRows(ctx.db);
      expect(after).toHaveLength(5);
      expect(after[4]).toEqual(['s-70003', '6.RP.A.3b', '2025-09-04T09:05:00.000Z', true, 0.5, 'csv', 'evidence.csv:6']);
    });

    it('reports row problems exactly, and under --strict changes nothing', async () => {
      const file = tempFile(
        'week3.csv',
        'student,skill,timestamp,score\n' +
          's-70001,R7.2,2025-09-15T09:00:00Z,85\n' +
          't-2001,R7.2,2025-09-15T09:00:00Z,85\n' +
          's-70001,R7.9,2025-09-15T09:00:00Z,85\n' +
          's-70001,R7.2,15/09/2025,85\n' +
          's-70001,R7.2,2025-09-15T10:00:00Z,850\n' +
          's-70001,R7.2,2025-09-15T09:00:00Z,40\n',
      );
      const before = await learningFingerprint(ctx.db);
      const strict = await importEvidence(ctx.db, file, { strict: true, scoreScale: 100 });
      expect(strict.outcome).toBe('rejected');
      expect(await learningFingerprint(ctx.db)).toEqual(before);
      expect(strict.problems.map(formatProblem)).toEqual([
        'week3.csv:3: student "t-2001": no student with this sourcedId, identifier, username or email in the district',
        'week3.csv:4: skill "R7.9": no skill with this code, CASE identifier or URI in the district',
        'week3.csv:5: timestamp "15/09/2025": must be an ISO 8601 date-time such as 2025-09-02T10:15:00Z',
        'week3.csv:6: score "850": must be a number from 0 to 100 (--score-scale 100)',
        'week3.csv:7: timestamp "2025-09-15T09:00:00Z": the same student, skill and time as on line 2',
      ]);
      const lenient = await importEvidence(ctx.db, file, { scoreScale: 100 });
      expect(lenient.counts.evidence).toEqual({ read: 6, accepted: 1, skipped: 5, deleted: 0 });
      expect((await evidenceRows(ctx.db)).filter((r) => r[1] === 'R7.2')).toEqual([
        ['s-70001', 'R7.2', '2025-09-15T09:00:00.000Z', true, 0.85, 'csv', 'week3.csv:2'],
      ]);
      const badFlag = await importEvidence(ctx.db, file, { threshold: 80 });
      expect(badFlag.error).toBe('--threshold 80: must be a number from 0 to 1 (a scaled score)');
    });

    it('rejects a file without the columns it needs', async () => {
      const report = await importEvidence(ctx.db, tempFile('e.csv', 'student,skill,when,correct\ns-70001,R7.1,2025-09-01,1\n'));
      expect(report).toMatchObject({ outcome: 'rejected', error: 'e.csv:1: missing required column "timestamp"' });
    });
  });

  describe('trellis import activity-map', () => {
    it("replaces each listed activity's skills and leaves the others alone", async () => {
      await importCase(ctx.db, CASE_FILE);
      await importSkills(ctx.db, path.join(LEARNING, 'skills.csv'));
      const report = await importActivityMap(ctx.db, path.join(LEARNING, 'activity-map.csv'));
      expect(report.problems).toEqual([]);
      expect(report.counts.activityMap).toEqual({ read: 4, accepted: 4, skipped: 0, deleted: 0 });
      const mapped = async () =>
        (
          await ctx.db.query<{ row: string }>(
            `select a.program || ' | ' || a.activity || ' -> ' || s.code as row from activity_skills a join skills s on s.id = a.skill_id order by 1`,
          )
        ).rows.map((r) => r.row);
      expect(await mapped()).toEqual([
        ' | https://mathpath.example/items/unit-price-2 -> 6.RP.A.3b',
        'Friday Check-ins | lesson-17 -> R7.2',
        'Friday Check-ins | lesson-17 -> R7.3',
        'MathPath Adaptive Practice | https://mathpath.example/items/ratio-tables-1 -> 6.RP.A.3a',
      ]);
      const update = await importActivityMap(
        ctx.db,
        tempFile('map.csv', 'activity,skill,program\nlesson-17,R7.3,friday check-ins\nlesson-17,R7.3,Friday Check-ins\nlesson-18,nope,\n'),
      );
      expect(update.problems.map(formatProblem)).toEqual([
        'map.csv:3: skill "R7.3": the same activity, program and skill as on line 2',
        'map.csv:4: skill "nope": no skill with this code, CASE identifier or URI in the district',
      ]);
      expect(update.counts.activityMap).toEqual({ read: 3, accepted: 1, skipped: 2, deleted: 1 });
      expect(await mapped()).toEqual([
        ' | https://mathpath.example/items/unit-price-2 -> 6.RP.A.3b',
        'Friday Check-ins | lesson-17 -> R7.3',
        'MathPath Adaptive Practice | https://mathpath.example/items/ratio-tables-1 -> 6.RP.A.3a',
      ]);
    });
  });

  describe('trellis import results', () => {
    beforeEach(async () => {
      await importCase(ctx.db, CASE_FILE);
    });

    it("turns graded results into evidence on their line items' skills, scaled by resultValueMax", async () => {
      const report = await importResults(ctx.db, path.join(LEARNING, 'gradebook'));
      expect(report.problems).toEqual([]);
      expect(report.counts).toEqual({
        lineItems: { read: 3, accepted: 3, skipped: 0, deleted: 0 },
        lineItemLearningObjectiveIds: { read: 4, accepted: 4, skipped: 0, deleted: 0 },
        results: { read: 6, accepted: 6, skipped: 0, deleted: 0 },
        resultLearningObjectiveIds: { read: 2, accepted: 2, skipped: 0, deleted: 0 },
      });
      expect(await evidenceRows(ctx.db)).toEqual([
        ['s-70001', '6.RP.A.3b', '2025-09-10T00:00:00.000Z', true, 1, 'oneroster', 'li-unit-rate-exit'],
        ['s-70001', '6.RP.A.1', '2025-09-12T00:00:00.000Z', true, 0.9, 'oneroster', 'li-ratio-quiz'],
        ['s-70001', '6.RP.A.2', '2025-09-12T00:00:00.000Z', true, 0.9, 'oneroster', 'li-ratio-quiz'],
        ['s-70002', '6.RP.A.1', '2025-09-12T00:00:00.000Z', false, 0.55, 'oneroster', 'li-ratio-quiz'],
        ['s-70002', '6.RP.A.2', '2025-09-12T00:00:00.000Z', false, 0.55, 'oneroster', 'li-ratio-quiz'],
        // r-6 gives a score per learning objective.
        ['s-70003', '6.RP.A.1', '2025-09-12T00:00:00.000Z', true, 0.95, 'oneroster', 'li-ratio-quiz'],
        ['s-70003', '6.RP.A.2', '2025-09-12T00:00:00.000Z', false, 0.45, 'oneroster', 'li-ratio-quiz'],
        ['s-70004', '6.RP.A.3c', '2025-09-19T00:00:00.000Z', true, 0.85, 'oneroster', 'li-percent-project'],
      ]);
      const before = await learningFingerprint(ctx.db);
      await importResults(ctx.db, path.join(LEARNING, 'gradebook'));
      expect(await learningFingerprint(ctx.db)).toEqual(before);
    });

    it('removes the evidence of results and line items marked tobedeleted', async () => {
      await importResults(ctx.db, path.join(LEARNING, 'gradebook'));
      const delta = tempFolder({
        'lineItems.csv': 'sourcedId,status,resultValueMax\nli-ratio-quiz,tobedeleted,\nli-unit-rate-exit,active,4\n',
        'results.csv': 'sourcedId,status,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate\nr-3,tobedeleted,,,,,\n',
      });
      const report = await importResults(ctx.db, delta);
      expect(report.problems).toEqual([]);
      expect(report.counts.lineItems).toEqual({ read: 2, accepted: 2, skipped: 0, deleted: 6 });
      expect(report.counts.results).toEqual({ read: 1, accepted: 1, skipped: 0, deleted: 1 });
      expect((await evidenceRows(ctx.db)).map((r) => r[6])).toEqual(['li-percent-project']);
    });

    it('reports row problems with their file and line', async () => {
      const folder = tempFolder({
        'lineItems.csv': 'sourcedId,resultValueMin,resultValueMax\nli-1,0,10\nli-2,5,5\nli-3,0,10\n',
        'lineItemLearningObjectiveIds.csv': 'lineItemSourcedId,source,learningObjectiveId\nli-1,case,87d261aa-a644-5deb-a57e-93e3b943c09d\nli-2,case,87d261aa-a644-5deb-a57e-93e3b943c09d\nli-1,case,no-such-objective\n',
        'results.csv':
          'sourcedId,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate\n' +
          'r-1,li-1,s-70001,fully graded,8,2025-09-12\n' +
          'r-2,li-2,s-70001,fully graded,8,2025-09-12\n' +
          'r-3,li-3,s-70001,fully graded,8,2025-09-12\n' +
          'r-4,li-1,s-99999,fully graded,8,2025-09-12\n' +
          'r-5,li-1,s-70002,fully graded,11,2025-09-12\n' +
          'r-6,li-1,s-70002,graded,8,2025-09-12\n' +
          'r-7,li-1,s-70003,submitted,,2025-09-13\n',
      });
      const report = await importResults(ctx.db, folder);
      expect(report.problems.map(formatProblem)).toEqual([
        'lineItems.csv:3: resultValueMax "5": must be more than resultValueMin 5',
        'lineItemLearningObjectiveIds.csv:3: lineItemSourcedId "li-2": refers to a line item that was skipped (lineItems.csv:3)',
        'lineItemLearningObjectiveIds.csv:4: learningObjectiveId "no-such-objective": no skill with this code, CASE identifier or URI in the district',
        'results.csv:3: lineItemSourcedId "li-2": refers to a line item that was skipped (lineItems.csv:3)',
        'results.csv:4: lineItemSourcedId "li-3": the line item names no skill: give it a learning objective in lineItemLearningObjectiveIds.csv, or map its sourcedId in the activity map',
        'results.csv:5: studentSourcedId "s-99999": no student with this sourcedId in the district',
        "results.csv:6: score \"11\": is outside the line item's range 0 to 10 (lineItems.csv:2)",
        'results.csv:7: scoreStatus "graded": must be one of: exempt, fully graded, not submitted, partially graded, submitted',
      ]);
      expect(await evidenceRows(ctx.db)).toEqual([['s-70001', '6.RP.A.1', '2025-09-12T00:00:00.000Z', true, 0.8, 'oneroster', 'li-1']]);
      const missing = await importResults(ctx.db, tempFolder({ 'results.csv': 'sourcedId\n' }));
      expect(missing.outcome).toBe('rejected');
      expect(missing.error).toMatch(/: no lineItems\.csv: a gradebook export needs lineItems\.csv and results\.csv$/);
    });
  });
});
