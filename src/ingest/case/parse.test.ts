import { describe, expect, it } from 'vitest';
import { formatProblem } from '../common/report.ts';
import { lineOf, valueLines } from './json-lines.ts';
import { parseCasePackage, type CasePackage } from './parse.ts';
import { planCase } from './plan.ts';

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
const link = (identifier: string) => ({ identifier, uri: `https://case.example/${identifier}`, title: identifier });
const item = (identifier: string, code?: string) => ({ identifier, uri: `https://case.example/${identifier}`, fullStatement: `Statement ${identifier}`, humanCodingScheme: code });
const association = (type: string, origin: string, destination: string, sequenceNumber?: number) => ({
  identifier: `${type}-${origin}-${destination}`,
  associationType: type,
  originNodeURI: link(origin),
  destinationNodeURI: link(destination),
  ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
});
const pkg = (items: unknown[], associations: unknown[]) => ({ CFDocument: { identifier: 'doc', title: 'Math', version: '2' }, CFItems: items, CFAssociations: associations });

describe('valueLines', () => {
  it('records the line where each value starts, by path', () => {
    const text = '{\n  "a": [\n    {"x": 1},\n    {\n      "x": "}]\\"",\n      "y": [1, 2]\n    }\n  ],\n  "b": null\n}';
    const lines = valueLines(text);
    expect(JSON.parse(text)).toBeTruthy();
    expect(Object.fromEntries(lines)).toEqual({ '': 1, a: 2, 'a[0]': 3, 'a[0].x': 3, 'a[1]': 4, 'a[1].x': 5, 'a[1].y': 6, b: 9 });
    expect(lineOf(lines, 'a[1].missing')).toBe(4);
    expect(lineOf(lines, 'nothing')).toBe(1);
  });
});

describe('parseCasePackage', () => {
  const reject = (value: unknown) => () => parseCasePackage('math.json', bytes(value));

  it('reads the document, items and associations', () => {
    const parsed = parseCasePackage('math.json', bytes(pkg([item('i1', '6.RP.A.1')], [association('isChildOf', 'i1', 'doc', 1)])));
    expect(parsed.document).toEqual({ identifier: 'doc', uri: null, title: 'Math', version: '2' });
    expect(parsed.items).toEqual([
      { path: 'CFItems[0]', line: 8, identifier: 'i1', uri: 'https://case.example/i1', code: '6.RP.A.1', name: 'Statement i1', itemType: null },
    ]);
    expect(parsed.associations[0]).toMatchObject({ path: 'CFAssociations[0]', line: 16, type: 'isChildOf', origin: { identifier: 'i1' }, sequenceNumber: 1 });
  });

  it('rejects a broken shape, naming file, line and JSON path', () => {
    expect(reject('{"CFDocument": ')).toThrow('math.json: unparsable JSON: Unexpected end of JSON input');
    expect(reject('{"CFDocument": {')).toThrow("math.json:1: unparsable JSON: Expected property name or '}'");
    expect(reject('  ')).toThrow('math.json: unparsable JSON: the file is empty');
    expect(reject('{\n"a": 1,\n"b" 2}')).toThrow(/^math\.json:3: unparsable JSON: /);
    expect(reject([])).toThrow('math.json:1: not a CASE package: expected a JSON object with CFDocument, CFItems and CFAssociations');
    expect(reject({ CFItems: [] })).toThrow('math.json:1: CFDocument: missing');
    expect(reject({ CFDocument: { identifier: 'doc' }, CFItems: [] })).toThrow('math.json:2: CFDocument.title: missing');
    expect(reject({ CFDocument: { identifier: 'doc', title: 'M' } })).toThrow('math.json:1: CFItems: missing');
    expect(reject(pkg([item('i1'), { uri: 'x', fullStatement: 'y' }], []))).toThrow('math.json:13: CFItems[1].identifier: missing');
    expect(reject(pkg([{ ...item('i1'), fullStatement: 7 }], []))).toThrow('math.json:11: CFItems[0].fullStatement: must be a string');
    expect(reject(pkg([item('i1'), item('I1')], []))).toThrow('math.json:14: CFItems[1].identifier: "I1" is also the identifier of CFItems[0] (line 8)');
    expect(reject(pkg([item('i1')], [{ associationType: 'isChildOf', originNodeURI: link('i1') }]))).toThrow(
      'math.json:15: CFAssociations[0].destinationNodeURI: missing',
    );
    expect(reject(pkg([item('i1')], [association('isChildOf', 'i1', 'doc', 1.5)]))).toThrow('CFAssociations[0].sequenceNumber: must be an integer');
  });

  it('accepts a package wrapped in CFPackage', () => {
    expect(parseCasePackage('m.json', bytes({ CFPackage: pkg([item('i1')], []) })).items).toHaveLength(1);
    expect(() => parseCasePackage('m.json', bytes({ CFPackage: { CFItems: [] } }))).toThrow('m.json:2: CFPackage.CFDocument: missing');
  });
});

describe('planCase', () => {
  const plan = (value: unknown, otherSkills = new Map<string, { id: string }>()) =>
    planCase(parseCasePackage('math.json', bytes(value)) as CasePackage, { otherSkills, otherLinks: [] });

  it('builds the tree in sequence order and the prerequisites from precedes, ignoring isPeerOf', () => {
    const result = plan(
      pkg(
        [item('d', '6.RP'), item('a', '6.RP.1'), item('b', '6.RP.2'), item('c', '6.RP.3')],
        [
          association('isChildOf', 'd', 'doc'),
          association('isChildOf', 'c', 'd', 3),
          association('isChildOf', 'a', 'd', 1),
          association('isChildOf', 'b', 'd', 2),
          association('precedes', 'a', 'b'),
          association('precedes', 'x-elsewhere', 'c'),
          association('isPeerOf', 'b', 'c'),
        ],
      ),
      new Map([['x-elsewhere', { id: 'skill-x' }]]),
    );
    expect(result.problems).toEqual([]);
    expect(result.skills.map((s) => [s.code, s.parent, s.sort_order])).toEqual([
      ['6.RP', null, 1],
      ['6.RP.1', 'd', 1],
      ['6.RP.2', 'd', 2],
      ['6.RP.3', 'd', 3],
    ]);
    expect(result.prerequisites).toEqual([
      { skill: 'b', prerequisite: { item: 'a' } },
      { skill: 'c', prerequisite: { skillId: 'skill-x' } },
    ]);
    expect(result.counts).toEqual({
      CFItems: { read: 4, accepted: 4, skipped: 0, deleted: 0 },
      isChildOf: { read: 4, accepted: 4, skipped: 0, deleted: 0 },
      precedes: { read: 2, accepted: 2, skipped: 0, deleted: 0 },
    });
  });

  it('skips associations it cannot use, with their line', () => {
    const result = plan(
      pkg(
        [item('a', 'A'), item('b', 'B'), item('c', 'C')],
        [
          association('isChildOf', 'a', 'b'),
          association('isChildOf', 'b', 'a'),
          association('isChildOf', 'a', 'c'),
          association('isChildOf', 'ghost', 'doc'),
          association('precedes', 'a', 'b'),
          association('precedes', 'b', 'c'),
          association('precedes', 'c', 'a'),
          association('precedes', 'a', 'b'),
          association('precedes', 'nowhere', 'c'),
          association('precedes', 'b', 'b'),
        ],
      ),
    );
    expect(result.problems.map(formatProblem)).toEqual([
      'math.json:42: CFAssociations[1].destinationNodeURI "a": would make the item its own ancestor: B → A → B',
      'math.json:56: CFAssociations[2].originNodeURI "a": the item already has a parent (CFAssociations[0], line 28)',
      'math.json:70: CFAssociations[3].originNodeURI "ghost": no CFItem with this identifier in the package',
      'math.json:112: CFAssociations[6].originNodeURI "c": would make a prerequisite loop: A → C → B → A',
      'math.json:126: CFAssociations[7].originNodeURI "a": the same link as CFAssociations[4] (line 84)',
      'math.json:140: CFAssociations[8].originNodeURI "nowhere": no CFItem with this identifier in the package or the district',
      'math.json:154: CFAssociations[9].originNodeURI "b": an item cannot precede itself',
    ]);
    expect(result.counts.isChildOf).toEqual({ read: 4, accepted: 1, skipped: 3, deleted: 0 });
    expect(result.counts.precedes).toEqual({ read: 6, accepted: 2, skipped: 4, deleted: 0 });
  });
});
