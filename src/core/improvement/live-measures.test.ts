import { describe, expect, it } from 'vitest';
import {
  adultsPerStudent,
  computeLiveSeries,
  describeLiveDefinition,
  inGroup,
  LiveDefinitionError,
  livePeriods,
  masteryShare,
  parseLiveDefinition,
  publishedPlanCount,
  strugglingCount,
  type LiveData,
  type TeamLiveDefinition,
} from './live-measures.ts';

const at = (iso: string) => Date.parse(iso);
// Wednesday 2026-03-18, noon.
const NOW = at('2026-03-18T12:00:00Z');

describe('parseLiveDefinition', () => {
  it('fills the team from the project, the period and how many periods', () => {
    expect(parseLiveDefinition({ kind: 'struggling' }, 'team-1')).toEqual({ kind: 'struggling', team: 'team-1', period: 'week', periods: 12 });
    expect(parseLiveDefinition({ kind: 'regrouping_frequency', team: 't2', period: 'month', periods: 6 }, null)).toMatchObject({ team: 't2', period: 'month', periods: 6 });
  });

  it('names what is wrong', () => {
    const problem = (raw: unknown, team: string | null = 't') => {
      try {
        parseLiveDefinition(raw, team);
      } catch (error) {
        expect(error).toBeInstanceOf(LiveDefinitionError);
        return (error as Error).message;
      }
      return null;
    };
    expect(problem({ kind: 'attendance' })).toMatch(/kind "attendance"/);
    expect(problem({ kind: 'struggling' }, null)).toMatch(/^team:/);
    expect(problem({ kind: 'struggling', period: 'day' })).toMatch(/period "day"/);
    expect(problem({ kind: 'struggling', periods: 0 })).toMatch(/^periods/);
    expect(problem({ kind: 'struggling', skills: ['a'] })).toMatch(/only a mastery_share/);
    expect(problem({ kind: 'mastery_share', skills: [] })).toMatch(/^skills/);
    expect(problem({ kind: 'regrouping_frequency', gap: {} })).toMatch(/no gap/);
    expect(problem({ kind: 'mastery_share', gap: { a: { attribute: 'eye_colour', value: true }, b: { attribute: 'english_learner', value: false } } })).toMatch(/gap.a.attribute "eye_colour"/);
    expect(problem({ kind: 'mastery_share', gap: { a: { attribute: 'english_learner', value: 'yes' }, b: { attribute: 'english_learner', value: false } } })).toMatch(/true or false/);
    expect(problem({ kind: 'struggling', colour: 'red' })).toMatch(/colour: not part/);
    expect(problem({ kind: 'imported_outcome' })).toMatch(/^outcome:/);
    expect(problem({ kind: 'imported_outcome', outcome: 'Graduation rate' })).toMatch(/^outcome:/);
    expect(problem({ kind: 'imported_outcome', outcome: 'graduation_rate', school: '' })).toMatch(/^school:/);
    expect(problem({ kind: 'imported_outcome', outcome: 'graduation_rate', team: 't' })).toMatch(/team: not part of an imported_outcome/);
  });

  it('reads an imported outcome by its key, for one school or all of the project’s, with no team', () => {
    expect(parseLiveDefinition({ kind: 'imported_outcome', outcome: 'graduation_rate' }, 'team-1')).toEqual({ kind: 'imported_outcome', outcome: 'graduation_rate' });
    expect(parseLiveDefinition({ kind: 'imported_outcome', outcome: 'graduation_rate', school: ' sch-1 ' }, null)).toEqual({ kind: 'imported_outcome', outcome: 'graduation_rate', school: 'sch-1' });
  });
});

describe('livePeriods', () => {
  it('gives Monday weeks up to now, none before the first data, the current one ending now', () => {
    const weeks = livePeriods(NOW, 'week', 12, at('2026-02-25T09:00:00Z'));
    expect(weeks.map((w) => w.x)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16']);
    expect(weeks[0]!.end).toBe(at('2026-03-02T00:00:00Z'));
    expect(weeks[3]!.end).toBe(NOW);
  });

  it('keeps only the last `count` periods, and months start on the first', () => {
    expect(livePeriods(NOW, 'week', 2, at('2025-01-01T00:00:00Z')).map((w) => w.x)).toEqual(['2026-03-09', '2026-03-16']);
    expect(livePeriods(NOW, 'month', 3, at('2025-12-15T00:00:00Z')).map((m) => m.x)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(livePeriods(NOW, 'week', 12, null)).toEqual([]);
  });
});

describe('the quantities', () => {
  const mastery = [
    { student: 's1', skill: 'k1', state: 'mastered' as const, masteredAt: at('2026-03-03T10:00:00Z') },
    { student: 's1', skill: 'k2', state: 'mastered' as const, masteredAt: at('2026-03-10T10:00:00Z') },
    // Mastered once, slipped since: not counted in any week (the estimates keep no history).
    { student: 's2', skill: 'k1', state: 'learning' as const, masteredAt: at('2026-03-03T10:00:00Z') },
    { student: 'other', skill: 'k1', state: 'mastered' as const, masteredAt: at('2026-03-01T10:00:00Z') },
  ];

  it('mastery share: skills mastered by the end, averaged over the students', () => {
    expect(masteryShare(['s1', 's2'], ['k1', 'k2'], mastery, at('2026-03-09T00:00:00Z'))).toBe(25);
    expect(masteryShare(['s1', 's2'], ['k1', 'k2'], mastery, at('2026-03-16T00:00:00Z'))).toBe(50);
    expect(masteryShare([], ['k1'], mastery, NOW)).toBeNull();
  });

  it('struggling: flags begun and not yet cleared at the end', () => {
    const flags = [
      { student: 's1', since: at('2026-03-02T00:00:00Z'), clearedAt: at('2026-03-11T00:00:00Z') },
      { student: 's1', since: at('2026-03-03T00:00:00Z'), clearedAt: null },
      { student: 's2', since: at('2026-03-12T00:00:00Z'), clearedAt: null },
    ];
    expect(strugglingCount(['s1', 's2'], flags, at('2026-03-02T00:00:00Z'))).toBe(0);
    expect(strugglingCount(['s1', 's2'], flags, at('2026-03-09T00:00:00Z'))).toBe(1);
    expect(strugglingCount(['s1', 's2'], flags, at('2026-03-16T00:00:00Z'))).toBe(2);
    expect(strugglingCount(['s2'], flags, at('2026-03-16T00:00:00Z'))).toBe(1);
  });

  const plans = [
    { planDate: '2026-03-09', groups: [{ adult: 'a1', students: ['s1', 's2'] }, { adult: 'a2', students: ['s3'] }] },
    { planDate: '2026-03-10', groups: [{ adult: 'a2', students: ['s1'] }, { adult: null, students: ['s2'] }] },
    { planDate: '2026-03-16', groups: [{ adult: 'a1', students: ['s1'] }] },
  ];
  const week = livePeriods(NOW, 'week', 2, at('2026-03-09T00:00:00Z'))[0]!;

  it('regrouping frequency: days with a published plan', () => {
    expect(publishedPlanCount(plans, week)).toBe(2);
  });

  it('adults per student: distinct adults met, averaged over the students in the plans', () => {
    // s1 met a1 and a2, s2 met a1 only (an unstaffed group adds no adult), s3 met a2.
    expect(adultsPerStudent(['s1', 's2', 's3'], plans, week)).toEqual({ mean: 1.33, students: 3 });
    expect(adultsPerStudent(['s1'], plans, week)).toEqual({ mean: 2, students: 1 });
    expect(adultsPerStudent(['nobody'], plans, week)).toBeNull();
  });

  it('puts students in groups by attribute; no attribute row means false', () => {
    const el = { english_learner: true, special_education: false, economically_disadvantaged: true, home_language: 'Spanish' };
    expect(inGroup(el, { attribute: 'english_learner', value: true })).toBe(true);
    expect(inGroup(undefined, { attribute: 'english_learner', value: false })).toBe(true);
    expect(inGroup(el, { attribute: 'home_language', value: 'spanish' })).toBe(true);
  });
});

describe('computeLiveSeries', () => {
  const data: LiveData = {
    students: ['s1', 's2', 's3', 's4'],
    groups: { a: ['s1', 's2'], b: ['s3', 's4'] },
    skills: ['k1'],
    mastery: [
      { student: 's1', skill: 'k1', state: 'mastered', masteredAt: at('2026-03-04T00:00:00Z') },
      { student: 's2', skill: 'k1', state: 'mastered', masteredAt: at('2026-03-11T00:00:00Z') },
      { student: 's3', skill: 'k1', state: 'mastered', masteredAt: at('2026-03-12T00:00:00Z') },
    ],
    flags: [{ student: 's4', since: at('2026-03-05T00:00:00Z'), clearedAt: null }],
    plans: [],
  };
  const periods = livePeriods(NOW, 'week', 3, at('2026-03-02T00:00:00Z'));
  const definition = (rest: Partial<TeamLiveDefinition>): TeamLiveDefinition => ({ kind: 'mastery_share', team: 't', period: 'week', periods: 3, ...rest });

  it('one point per period with the students as denominator', () => {
    expect(computeLiveSeries(definition({}), data, periods)).toEqual([
      { x: '2026-03-02', y: 25, n: 4 },
      { x: '2026-03-09', y: 75, n: 4 },
      { x: '2026-03-16', y: 75, n: 4 },
    ]);
    expect(computeLiveSeries(definition({ kind: 'struggling', share: true }), data, periods).map((p) => p.y)).toEqual([25, 25, 25]);
  });

  it('a gap is group A minus group B, in points', () => {
    const gap = { a: { attribute: 'english_learner' as const, value: false }, b: { attribute: 'english_learner' as const, value: true } };
    expect(computeLiveSeries(definition({ gap }), data, periods)).toEqual([
      { x: '2026-03-02', y: 50, n: null },
      { x: '2026-03-09', y: 50, n: null },
      { x: '2026-03-16', y: 50, n: null },
    ]);
    const empty = { ...data, groups: { a: ['s1'], b: [] } };
    expect(computeLiveSeries(definition({ gap }), empty, periods)[0]!.y).toBeNull();
  });

  it('says what it counts', () => {
    const gap = { a: { attribute: 'english_learner' as const, value: false }, b: { attribute: 'english_learner' as const, value: true } };
    expect(describeLiveDefinition(definition({ gap }))).toMatch(/skills in the team’s sequence.*students who are not English learners minus English learners, each week/);
  });
});
