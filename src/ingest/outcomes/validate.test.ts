import { describe, expect, it } from 'vitest';
import { parseCsv } from '../common/csv.ts';
import { formatProblem } from '../common/report.ts';
import { checkOutcomeColumns, parseNumber, planOutcomes } from './validate.ts';

const table = (text: string) => parseCsv('outcomes.csv', new TextEncoder().encode(text));
const schools = new Set(['sch-north', 'sch-south']);

describe('planOutcomes', () => {
  it('needs school, outcome, period and value; denominator is optional', () => {
    expect(() => checkOutcomeColumns(table('school,outcome,value\n'))).toThrow('outcomes.csv:1: missing required column "period"');
    expect(() => checkOutcomeColumns(table('school,outcome,period,value\n'))).not.toThrow();
  });

  it('reads numbers as written, without units or words', () => {
    expect(['12', '-3', '0.25', '.5', '1e3', '+4.'].map(parseNumber)).toEqual([12, -3, 0.25, 0.5, 1000, 4]);
    expect(['about 12', '12%', '1,200', 'NaN', 'Infinity', ''].map(parseNumber)).toEqual([null, null, null, null, null, null]);
  });

  it('accepts each period format, with or without a denominator', () => {
    const plan = planOutcomes(
      table(
        'school,outcome,period,value,denominator\n' +
          'sch-north,college_applications_nonlocal,2024-25,31,120\n' +
          'sch-north,graduation_rate,2024,0.91,\n' +
          'sch-south,attendance_days,2025-09,4120.5,4500\n' +
          'sch-south,discipline_incidents,2025-09-12,3,\n',
      ),
      schools,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.rows).toEqual([
      { school_sourced_id: 'sch-north', outcome: 'college_applications_nonlocal', period: '2024-25', value: 31, denominator: 120 },
      { school_sourced_id: 'sch-north', outcome: 'graduation_rate', period: '2024', value: 0.91, denominator: null },
      { school_sourced_id: 'sch-south', outcome: 'attendance_days', period: '2025-09', value: 4120.5, denominator: 4500 },
      { school_sourced_id: 'sch-south', outcome: 'discipline_incidents', period: '2025-09-12', value: 3, denominator: null },
    ]);
    expect(plan.counts).toEqual({ read: 4, accepted: 4, skipped: 0, deleted: 0 });
  });

  it('names the file, line, field and value of every problem', () => {
    const plan = planOutcomes(
      table(
        'school,outcome,period,value,denominator\n' +
          'sch-north,graduation_rate,2024-25,0.9,\n' +
          'sch-east,Graduation Rate,2024-26,0.8,\n' +
          'sch-north,graduation_rate,2024-25,about 12,0\n' +
          ',,,,\n' +
          'sch-south,attendance_days,2025-13,10,-4\n' +
          'sch-south,attendance_days,2025-02-30,10,many\n',
      ),
      schools,
    );
    expect(plan.problems.map(formatProblem)).toEqual([
      'outcomes.csv:3: school "sch-east": no school with this sourcedId in the district',
      'outcomes.csv:3: outcome "Graduation Rate": must be a short lower-case key of letters, digits and _ (at most 64), such as graduation_rate',
      'outcomes.csv:3: period "2024-26": must be YYYY, YYYY-MM, YYYY-MM-DD or a school year YYYY-YY such as 2024-25',
      'outcomes.csv:4: value "about 12": not a number',
      'outcomes.csv:4: denominator "0": must be greater than 0 (leave it empty when there is none)',
      'outcomes.csv:4: period "2024-25": the same school, outcome and period as on line 2',
      'outcomes.csv:5: school "": is required',
      'outcomes.csv:5: outcome "": is required',
      'outcomes.csv:5: period "": is required',
      'outcomes.csv:5: value "": is required',
      'outcomes.csv:6: period "2025-13": must be YYYY, YYYY-MM, YYYY-MM-DD or a school year YYYY-YY such as 2024-25',
      'outcomes.csv:6: denominator "-4": must be greater than 0 (leave it empty when there is none)',
      'outcomes.csv:7: period "2025-02-30": must be YYYY, YYYY-MM, YYYY-MM-DD or a school year YYYY-YY such as 2024-25',
      'outcomes.csv:7: denominator "many": not a number',
    ]);
    expect(plan.counts).toEqual({ read: 6, accepted: 1, skipped: 5, deleted: 0 });
  });
});
