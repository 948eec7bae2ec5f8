import { describe, expect, it } from 'vitest';
import type { HeatmapStudent } from '../../../server/routes/learning-schemas.ts';
import { describeCell, sortStudents } from './heatmapModel.ts';

const student = (id: string, family: string, mastered: number, known: number | null): HeatmapStudent => ({
  sourcedId: id,
  name: `A ${family}`,
  familyName: family,
  givenName: 'A',
  englishLearner: false,
  specialEducation: false,
  economicallyDisadvantaged: false,
  openFlags: 0,
  mastered,
  cells: known === null ? [] : [{ skillId: 'k', state: known >= 0.95 ? 'mastered' : 'learning', known, attempts: 3 }],
});

const rows = [student('1', 'Cruz', 2, 0.4), student('2', 'Abe', 0, null), student('3', 'Baker', 2, 0.97)];
const ids = (list: HeatmapStudent[]) => list.map((s) => s.sourcedId);

describe('sortStudents', () => {
  it('sorts by name either way', () => {
    expect(ids(sortStudents(rows, { key: 'name', direction: 'ascending' }))).toEqual(['2', '3', '1']);
    expect(ids(sortStudents(rows, { key: 'name', direction: 'descending' }))).toEqual(['1', '3', '2']);
  });

  it('sorts by skills mastered, ties by name', () => {
    expect(ids(sortStudents(rows, { key: 'mastered', direction: 'descending' }))).toEqual(['3', '1', '2']);
  });

  it('sorts by one skill with not started lowest', () => {
    expect(ids(sortStudents(rows, { key: 'k', direction: 'ascending' }))).toEqual(['2', '1', '3']);
  });
});

describe('describeCell', () => {
  it('gives words and a symbol, not only a colour', () => {
    expect(describeCell(null)).toEqual({ state: 'not_started', symbol: '○', word: 'Not started', percent: '' });
    expect(describeCell({ skillId: 'k', state: 'mastered', known: 0.966, attempts: 4 })).toMatchObject({ word: 'Mastered', symbol: '●', percent: '97%' });
  });
});
