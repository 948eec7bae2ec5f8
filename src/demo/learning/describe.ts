/** One line on the demo's learning data for the CLI: what was loaded, never a credential's secret. */
import type { DemoLearning } from '../load-learning.ts';

export function describeDemoLearning(learning: Omit<DemoLearning, 'truth'>): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const { period, mastery } = learning;
  return (
    `Learning data: ${n(learning.statements)} xAPI statements from ${learning.programs.map((p) => p.name).join(' and ')} ` +
    `(${n(learning.students)} middle-school students, ${period.startDate} to ${period.endDate}), ` +
    `${n(learning.evidence)} pieces of evidence, ${n(learning.unmapped)} unmapped; ` +
    `${mastery.kind} mastery model fitted on ${n(mastery.students)} students and ${n(mastery.skills)} skills.`
  );
}
