import { describe, expect, it } from 'vitest';
import { dayToDayChange, weekHistory } from './history.ts';

const monday = [
  { block: 'B1', adult: 'lee', focusSkill: 'k1', students: ['ana', 'ben'] },
  { block: 'B1', station: 'online', focusSkill: null, students: ['cy'] },
];
const tuesday = [
  { block: 'B1', adult: 'lee', focusSkill: 'k1', students: ['ana'] },
  { block: 'B1', adult: 'lee', focusSkill: null, students: [] },
  { block: 'B1', station: 'online', focusSkill: null, students: ['ben', 'cy', 'dee'] },
];
const wednesday = [{ block: 'B1', adult: 'lee', focusSkill: 'k2', students: ['ana', 'ben', 'cy', 'dee'] }];

describe('regrouping history', () => {
  it('counts students on both days whose place changed', () => {
    expect(dayToDayChange(monday, tuesday)).toEqual({ compared: 3, changed: 1 });
    // A new focus with the same adult is a change too.
    expect(dayToDayChange(tuesday, wednesday)).toEqual({ compared: 4, changed: 4 });
  });

  it('sums a week over consecutive published days', () => {
    const plans = [
      { date: '2026-03-02', groups: monday },
      { date: '2026-03-03', groups: tuesday },
      { date: '2026-03-04', groups: wednesday },
    ];
    expect(weekHistory('2026-03-02', plans, 4)).toEqual({ weekStart: '2026-03-02', publishedDays: 3, publications: 4, changedShare: 5 / 7 });
    expect(weekHistory('2026-03-02', plans.slice(0, 1), 1).changedShare).toBeNull();
  });
});
