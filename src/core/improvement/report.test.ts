import { describe, expect, it } from 'vitest';
import type { DriverNode } from '../diagnosis/driverTree.ts';
import { driverOutline, driverPath, latestLearning, markdownText, renderChangePackage, type ReportCycle, type ReportInput } from './report.ts';

const nodes: DriverNode[] = [
  { id: 'aim', parentId: null, kind: 'aim', text: 'More non-local applications', position: 0 },
  { id: 'p1', parentId: 'aim', kind: 'primary', text: 'Students know their options', position: 0 },
  { id: 's1', parentId: 'p1', kind: 'secondary', text: 'Counsellor meetings', position: 0 },
  { id: 'c1', parentId: 's1', kind: 'change_idea', text: 'College map in advisory', position: 0 },
  { id: 'p2', parentId: 'aim', kind: 'primary', text: 'Families can afford it', position: 1 },
];

const cycle = (over: Partial<ReportCycle>): ReportCycle => ({
  id: 'cy',
  title: 'Cycle',
  changeIdeaId: null,
  previousCycleId: null,
  scale: 'classroom',
  question: '',
  prediction: '',
  startedOn: null,
  results: '',
  decision: null,
  nextStep: '',
  ...over,
});

const input: ReportInput = {
  title: 'College applications',
  job: 'correct',
  status: 'active',
  aim: { what: 'non-local college applications', forWhom: 'grade 12 students', howMuch: 'from 18% to 35%', byWhen: '2026-05-01' },
  scopeName: 'North High',
  members: [],
  driverNodes: nodes,
  changeIdeas: [
    { id: 'i1', title: 'College map in advisory', description: 'A map of colleges *outside* the county.', parentNodeId: 'c1' },
    { id: 'i2', title: 'Fee waivers', description: '', parentNodeId: null },
  ],
  cycles: [
    cycle({ id: 'a', title: 'One advisory', changeIdeaId: 'i1', prediction: '3 of 20 apply', results: '5 of 20 applied', decision: 'adapt', nextStep: 'add a parent night', startedOn: '2025-10-06' }),
    cycle({ id: 'b', title: 'All grade 12', changeIdeaId: 'i1', scale: 'school', previousCycleId: 'a', prediction: 'rate over 25%' }),
    cycle({ id: 'c', title: 'Loose test | pipes', changeIdeaId: null }),
  ],
  measures: [
    { id: 'm1', name: 'Non-local applications', kind: 'outcome', latest: { x: '2026-01-01', y: 31.456 }, signal: '7 points in a row above the median: something changed.', hasSignal: true },
    { id: 'm2', name: 'Advisory sessions held', kind: 'process', latest: null, signal: 'There are no values yet.', hasSignal: false },
  ],
  timeline: [],
};

describe('driverPath', () => {
  it('names the primary and secondary drivers above a node, not the aim or the idea itself', () => {
    expect(driverPath(nodes, 'c1')).toEqual(['Students know their options', 'Counsellor meetings']);
    expect(driverPath(nodes, 'p2')).toEqual(['Families can afford it']);
    expect(driverPath(nodes, null)).toEqual([]);
    expect(driverPath(nodes, 'gone')).toEqual([]);
  });
});

describe('driverOutline', () => {
  it('nests the tree in position order', () => {
    const outline = driverOutline(nodes);
    expect(outline).toHaveLength(1);
    expect(outline[0]!.children.map((c) => c.text)).toEqual(['Students know their options', 'Families can afford it']);
    expect(outline[0]!.children[0]!.children[0]!.children[0]).toEqual({ text: 'College map in advisory', kind: 'change_idea', children: [] });
  });
});

describe('renderChangePackage', () => {
  const markdown = renderChangePackage(input, '2026-01-15');

  it('heads the package with the aim sentence and the date', () => {
    expect(markdown.startsWith('# Change package: College applications\n')).toBe(true);
    expect(markdown).toContain('Correct project · North High · active · 15 January 2026');
    expect(markdown).toContain('**Aim:** We will improve non-local college applications for grade 12 students from 18% to 35% by 1 May 2026.');
  });

  it('lists each idea with its driver path and its cycles: scale, prediction against result, decision', () => {
    expect(markdown).toContain('### 1. College map in advisory\n\n**Driver path:** Students know their options → Counsellor meetings');
    expect(markdown).toContain('| One advisory | classroom | 6 October 2025 | 3 of 20 apply | 5 of 20 applied | Adapt: add a parent night |');
    expect(markdown).toContain('| All grade 12 | school | not started | rate over 25% | _not studied yet_ | Not decided yet |');
    expect(markdown).toContain('### 2. Fee waivers\n\n**Driver path:** _not placed in the driver diagram_\n\n_No PDSA cycles have tested it yet._');
    expect(markdown).toContain('A map of colleges \\*outside\\* the county.');
  });

  it('gives each measure its latest value and signal sentence', () => {
    expect(markdown).toContain('- **Non-local applications** (outcome): latest 31.46 on 1 January 2026. 7 points in a row above the median: something changed.');
    expect(markdown).toContain('- **Advisory sessions held** (process): no values yet. There are no values yet.');
  });

  it('keeps cycles without a change idea, escaping table pipes', () => {
    expect(markdown).toContain('## Cycles not tied to a change idea');
    expect(markdown).toContain('| Loose test \\| pipes | classroom |');
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown).not.toMatch(/\n{3,}/);
  });

  it('says so when there is nothing yet', () => {
    const empty = renderChangePackage({ ...input, changeIdeas: [], cycles: [], measures: [] }, '2026-01-15');
    expect(empty).toContain('_No measures yet._');
    expect(empty).toContain('_No change ideas yet._');
    expect(empty).not.toContain('Cycles not tied');
  });
});

describe('markdownText and latestLearning', () => {
  it('flattens lines and escapes markup', () => {
    expect(markdownText('  two\nlines <b>  ')).toBe('two lines \\<b\\>');
  });
  it('keeps the newest entries first', () => {
    const entries = [{ at: '2026-01-01T00:00:00Z', summary: 'a' }, { at: '2026-01-03T00:00:00Z', summary: 'c' }, { at: '2026-01-02T00:00:00Z', summary: 'b' }];
    expect(latestLearning(entries, 2).map((e) => e.summary)).toEqual(['c', 'b']);
  });
});
