import { CHARTS_WITH_DENOMINATOR, type ChartType } from '../../../core/spc/types.ts';

/** Each chart type in one plain line: what it is for, with a school example. */
export const CHART_CHOICES: Array<{ value: ChartType; label: string }> = [
  { value: 'run', label: 'Run chart — any measure over time, e.g. minutes of reading per day' },
  { value: 'p', label: 'P chart — share of students, e.g. attendance rate' },
  { value: 'pp', label: 'P′ chart — share of a very large group, e.g. district attendance rate' },
  { value: 'i', label: 'I chart — one value per period, e.g. average quiz score per week' },
  { value: 'mr', label: 'MR chart — change from one value to the next (goes with an I chart)' },
  { value: 'xbar', label: 'X̄ chart — average of several values per period, e.g. scores of a class' },
  { value: 's', label: 'S chart — spread of several values per period' },
  { value: 'c', label: 'C chart — count of events, e.g. office referrals per week' },
  { value: 'u', label: 'U chart — rate of events, e.g. referrals per 100 students' },
  { value: 'up', label: 'U′ chart — rate of events in a very large group' },
  { value: 't', label: 'T chart — time between rare events, e.g. days between incidents' },
  { value: 'g', label: 'G chart — number of days or cases between rare events' },
];

export const needsDenominator = (chart: ChartType) => CHARTS_WITH_DENOMINATOR.includes(chart);
