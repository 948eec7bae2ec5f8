import { describe, expect, it } from 'vitest';
import { parseCsv } from '../common/csv.ts';
import { formatProblem } from '../common/report.ts';
import { FILE_SPECS, type EntityName, type Version } from './files.ts';
import { parseManifest } from './manifest.ts';
import { resolveDistrict } from './tenant.ts';
import { checkColumns, planRoster, type InputFile } from './validate.ts';

const table = (file: string, lines: string[]) => parseCsv(file, new Uint8Array(Buffer.from(lines.join('\n'))));

function input(version: Version, entity: EntityName, lines: string[], mode: 'bulk' | 'delta' = 'bulk'): InputFile {
  const spec = FILE_SPECS[version].find((s) => s.entity === entity)!;
  return { spec, mode, table: table(spec.file, lines) };
}

const ORGS = ['sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId', 'd1,,,District,district,,', 's1,,,School,school,,d1'];
const noExisting = { ids: {}, userRoles: new Map<string, string>() };

describe('planRoster', () => {
  it('skips rows with bad values and cascades to rows that refer to them', () => {
    const plan = planRoster(
      [
        input('1.1', 'orgs', ORGS),
        input('1.1', 'users', [
          'sourcedId,enabledUser,orgSourcedIds,role,username,givenName,familyName',
          'u1,true,s1,student,ann,Ann,Lee',
          'u2,maybe,s1,student,bo,Bo,Kim',
          'u1,true,s1,student,ann2,Ann,Lee',
          'u3,true,"s1,s9",Teacher,cy,Cy,Diaz',
        ]),
      ],
      noExisting,
    );
    expect(plan.problems.map(formatProblem)).toEqual([
      'users.csv:3: enabledUser "maybe": must be true or false',
      'users.csv:4: sourcedId "u1": duplicate sourcedId: first on line 2',
      'users.csv:5: orgSourcedIds "s9": no org with this sourcedId in orgs.csv',
    ]);
    expect(plan.upserts.users!.map((u) => u.sourced_id)).toEqual(['u1']);
    expect(plan.keep.users!.sort()).toEqual(['u1', 'u2', 'u3']);
    expect(plan.userOrgs).toEqual({ users: ['u1'], pairs: [['u1', 's1']], removals: [] });
  });

  it('gives 1.2 users the role of their primary role row, and reports users with none', () => {
    const plan = planRoster(
      [
        input('1.2', 'orgs', ORGS),
        input('1.2', 'users', ['sourcedId,enabledUser,username,givenName,familyName', 'u1,true,ann,Ann,Lee', 'u2,true,bo,Bo,Kim']),
        input('1.2', 'roles', [
          'sourcedId,userSourcedId,roleType,role,orgSourcedId',
          'r1,u1,secondary,teacher,d1',
          'r2,u1,primary,principal,s1',
        ]),
      ],
      noExisting,
    );
    expect(plan.problems.map(formatProblem)).toEqual(['users.csv:3: sourcedId "u2": the user has no role in roles.csv']);
    expect(plan.upserts.users).toMatchObject([{ sourced_id: 'u1', role: 'principal' }]);
    expect(plan.userOrgs!.pairs).toEqual([
      ['u1', 'd1'],
      ['u1', 's1'],
    ]);
  });

  it('resolves delta references against the district, minus what the delta deletes', () => {
    const plan = planRoster(
      [
        input('1.1', 'classes', ['sourcedId,status,dateLastModified,title,courseSourcedId,classType,schoolSourcedId,termSourcedIds', 'c1,tobedeleted,2025-01-01T00:00:00Z,,,,,'], 'delta'),
        input('1.1', 'enrollments', [
          'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role',
          'e1,active,2025-01-01T00:00:00Z,c1,s1,u1,student',
          'e2,active,2025-01-01T00:00:00Z,c2,s1,u1,student',
          'e3,active,,c2,s1,u1,student',
        ], 'delta'),
      ],
      { ids: { orgs: new Set(['s1']), users: new Set(['u1']), classes: new Set(['c1', 'c2']), courses: new Set(), academicSessions: new Set() }, userRoles: new Map() },
    );
    expect(plan.problems.map(formatProblem)).toEqual([
      'enrollments.csv:2: classSourcedId "c1": no class with this sourcedId in classes.csv or the district',
      'enrollments.csv:4: dateLastModified "": is required in a delta file',
    ]);
    expect(plan.deletes.classes).toEqual(['c1']);
    expect(plan.upserts.enrollments!.map((e) => e.sourced_id)).toEqual(['e2']);
  });

  it('rejects a file missing a required column, or a delta file without status', () => {
    expect(() => checkColumns(input('1.1', 'orgs', ['sourcedId,name', 'x,y']))).toThrow('orgs.csv:1: missing required column "type"');
    expect(() => checkColumns(input('1.1', 'orgs', ['sourcedId,name,type', 'x,y,school'], 'delta'))).toThrow(
      'orgs.csv:1: missing required columns "status", "dateLastModified"',
    );
  });
});

describe('manifest and district', () => {
  it('reads the version and the files present', () => {
    const manifest = parseManifest(
      table('manifest.csv', ['propertyName,value', 'manifest.version,1.0', 'oneroster.version,1.2', 'file.users,delta', 'file.orgs,absent', 'file.lineItems,bulk']),
    );
    expect(manifest.version).toBe('1.2');
    expect([...manifest.files]).toEqual([
      ['users', 'delta'],
      ['lineItems', 'bulk'],
    ]);
    expect(() => parseManifest(table('manifest.csv', ['propertyName,value', 'oneroster.version,1.0']))).toThrow('Trellis reads OneRoster 1.1 and 1.2');
  });

  it('takes the district org, or --district, or the only district', () => {
    const orgs = table('orgs.csv', ORGS);
    expect(resolveDistrict(orgs, undefined, [])).toEqual({ sourcedId: 'd1', name: 'District' });
    expect(() => resolveDistrict(orgs, 'd2', [])).toThrow('the district org here is "d1", not "d2"');
    expect(resolveDistrict(undefined, undefined, [{ sourcedId: 'd9', name: 'Nine' }])).toEqual({ sourcedId: 'd9', name: 'Nine' });
    expect(() => resolveDistrict(undefined, undefined, [])).toThrow('no orgs.csv and no district yet');
  });
});
