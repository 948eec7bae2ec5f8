import { Title } from '@mantine/core';
import type { StaffPlan } from './types.ts';

const FLAG_NAMES: Record<string, string> = { wheel_spinning: 'wheel-spinning', regression: 'regressing', inactive: 'inactive', behind: 'behind' };

/** One adult's published day: a section per block, the students with their flags and recent evidence. Prints as one page. */
export function AdultPlan({ plan, headingLevel = 2 }: { plan: StaffPlan; headingLevel?: 2 | 3 }) {
  const blockLevel = (headingLevel + 1) as 3 | 4;
  return (
    <article className="adult-plan" aria-label={`${plan.staff.name}'s plan for ${plan.date}`}>
      <Title order={headingLevel} size="h3">
        {plan.staff.name} · {plan.date}
      </Title>
      {plan.blocks.length === 0 && <p>No published groups for {plan.staff.name} on {plan.date}.</p>}
      {plan.blocks.map((entry) => (
        <section key={`${entry.team.id}|${entry.block.id}`} className="adult-plan-block">
          <Title order={blockLevel} size="h4">
            {entry.block.name} {entry.block.start}–{entry.block.end} · {entry.place.kind === 'group' ? `${entry.place.name}'s group` : `${entry.place.name} (supervising)`}
          </Title>
          <p>
            {entry.team.name} · focus {entry.focusSkill ? `${entry.focusSkill.code} — ${entry.focusSkill.name}` : 'each student’s own next skill'} · {entry.students.length}{' '}
            {entry.students.length === 1 ? 'student' : 'students'}
          </p>
          <table className="plan-students">
            <caption className="visually-hidden">
              Students in {entry.block.name} with {plan.staff.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Flags and needs</th>
                <th scope="col">Recent evidence</th>
                <th scope="col">Why here</th>
              </tr>
            </thead>
            <tbody>
              {entry.students.map((student) => (
                <tr key={student.id}>
                  <th scope="row">{student.name}</th>
                  <td>
                    {[...student.flags.map((f) => `${FLAG_NAMES[f.kind] ?? f.kind}${f.reason ? ` (${f.reason})` : ''}`), ...student.needs.map((n) => n.replace(/_/g, ' '))].join('; ') || '—'}
                  </td>
                  <td>
                    {student.evidence.length === 0
                      ? 'none yet'
                      : student.evidence
                          .map((e) => `${e.skillCode} ${e.correct === null ? (e.score === null ? '' : `${Math.round(e.score * 100)}%`) : e.correct ? 'right' : 'wrong'} (${e.occurredAt.slice(0, 10)})`)
                          .join(', ')}
                  </td>
                  <td>{student.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </article>
  );
}
