import { Badge, NativeSelect, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { plural } from '../../../core/plural.ts';
import type { Pinpoint, Tally } from '../../../server/routes/learning-schemas.ts';
import { Crumbs } from '../../components/Crumbs.tsx';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { Section } from '../../components/Section.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { roleName } from '../../session/roles.ts';
import type { Team } from '../../types.ts';
import { TeamLearningLinks } from './TeamLearningLinks.tsx';
import './learning-views.css';

const shareText = (t: Tally) => (t.total === 0 ? 'no attempts' : `${Math.round((100 * t.right) / t.total)}% (${t.right} of ${t.total})`);
const WINDOWS = ['7', '14', '28', '56'];

/** What an adult's section says first: whom they are compared with, or why they are not. */
function groupSentence(adult: Pinpoint['adults'][number], teamStudents: number): string {
  const classes = plural(adult.classes.length, 'class', 'classes');
  if (adult.classes.length === 0 || adult.students === 0) return 'Teaches none of the team\'s students in a class of this team, so there is no group to compare.';
  if (adult.students === teamStudents) {
    return `Teaches all ${teamStudents} of the team's students (in ${classes}), so there is no one else on the team to compare them with.`;
  }
  const calledOut = adult.comparisons.filter((c) => c.callOut).length;
  const verdict = calledOut === 0 ? 'No skill is called out.' : `${plural(calledOut, 'skill is', 'skills are')} called out.`;
  return `${adult.students} of the team's ${teamStudents} students, in ${classes}. ${verdict}`;
}

/** For coaching and planning: per teaching adult, the skills where their students do worse than the rest of the team. */
export function PinpointPage() {
  const { id = '' } = useParams();
  const [days, setDays] = useState('14');
  const team = useApi<Team>(`/api/teams/${encodeURIComponent(id)}`);
  const pinpoint = useApi<Pinpoint>(`/api/teams/${encodeURIComponent(id)}/pinpoint?days=${days}`);
  const data = pinpoint.data;
  const teamName = team.data?.name ?? 'Team';

  return (
    <>
      {team.data && <Crumbs school={{ sourcedId: team.data.schoolSourcedId, name: team.data.schoolName }} team={team.data} current="Pinpoint" />}
      <PageHeading title={`Pinpoint: ${teamName}`} />
      <TeamLearningLinks team={id} current="pinpoint" />
      {data && (
        <Text mb="md" maw={760}>
          For each teacher, tutor and resident, the students in their classes on this team are compared with the rest of the team's students: the
          share of attempts right on each skill over the last {days} days. A skill is called out only when their students' share is at least{' '}
          {Math.round(data.rule.minGap * 100)} points lower, there are at least {data.rule.minAttempts} attempts on each side, and a gap that large
          would happen by chance less than {Math.round(data.rule.alpha * 100)}% of the time (a two-proportion z-test). A call-out is a question to
          look into together, not a verdict on anyone's teaching.
        </Text>
      )}
      <NativeSelect
        className="no-print"
        label="Attempts over the last"
        value={days}
        onChange={(e) => setDays(e.currentTarget.value)}
        data={WINDOWS.map((d) => ({ value: d, label: `${d} days` }))}
        maw={220}
        mb="md"
      />
      <PrintButton label="Print pinpoint" />
      <LoadState loading={pinpoint.loading} error={pinpoint.error} what="the pinpoint comparison" />
      {data && data.adults.length === 0 && <Text>This team has no teachers, tutors or residents.</Text>}
      {data?.adults.map((adult) => {
        const comparable = adult.students > 0 && adult.students < data.teamStudents;
        return (
          <Section key={adult.sourcedId} title={`${adult.name} (${roleName(adult.role)})`}>
            <Text mb="sm">{groupSentence(adult, data.teamStudents)}</Text>
            {comparable && adult.comparisons.length === 0 && <Text>No attempts in this window.</Text>}
            {adult.comparisons.length > 0 && (
              <Table.ScrollContainer minWidth={720}>
                <Table captionSide="top" className="data-table">
                  <Table.Caption>Share right per skill: {adult.name}'s students against the rest of the team</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Skill</Table.Th>
                      <Table.Th scope="col">Their students</Table.Th>
                      <Table.Th scope="col">Rest of team</Table.Th>
                      <Table.Th scope="col">Gap</Table.Th>
                      <Table.Th scope="col">Called out</Table.Th>
                      <Table.Th scope="col">In plain words</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {adult.comparisons.map((c) => (
                      <Table.Tr key={c.skillId} className={c.callOut ? 'callout-row' : undefined}>
                        <Table.Th scope="row" fw="normal">
                          {c.code ? `${c.code} ` : ''}
                          {c.name}
                        </Table.Th>
                        <Table.Td>{shareText(c.group)}</Table.Td>
                        <Table.Td>{shareText(c.rest)}</Table.Td>
                        <Table.Td>{c.gap === null ? '—' : `${c.gap > 0 ? '+' : ''}${Math.round(c.gap * 100)} points`}</Table.Td>
                        <Table.Td>{c.callOut ? <Badge color="red.9">Yes</Badge> : 'No'}</Table.Td>
                        <Table.Td>{c.why}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Section>
        );
      })}
    </>
  );
}
