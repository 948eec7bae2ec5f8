import { Anchor, NativeSelect, Table, Text } from '@mantine/core';
import * as Plot from '@observablehq/plot';
import { useLayoutEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { SkillProfile, TimelineItem } from '../../../server/routes/learning-schemas.ts';
import { withQuery } from '../../api.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { Section } from '../../components/Section.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useMe } from '../../session/SessionProvider.tsx';
import { describeCell, skillLabel } from './heatmapModel.ts';
import './learning-views.css';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const SOURCE_NAMES = { xapi: 'learning app (xAPI)', csv: 'CSV import', oneroster: 'gradebook' } as const;

/** A student's skills: state, probability and evidence per skill, and the estimate over time for one skill. */
export function StudentSkillsPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const [skill, setSkill] = useState('');
  const profile = useApi<SkillProfile>(`/api/students/${encodeURIComponent(id)}/skill-profile`);
  const history = useApi<SkillProfile>(skill ? withQuery(`/api/students/${encodeURIComponent(id)}/skill-profile`, { skill }) : null);
  const data = profile.data;
  const isSelf = me.role === 'student';

  if (!data) {
    return (
      <>
        <PageHeading title={profile.error?.status === 404 ? 'Student not found' : 'Skills'} />
        <LoadState loading={profile.loading} error={profile.error} what="the student's skills" />
      </>
    );
  }
  const chosen = data.skills.find((s) => s.skillId === skill);
  return (
    <>
      <PageHeading title={isSelf ? 'My skills' : `Skills: ${data.name}`} />
      {!isSelf && (
        <Text mb="md" mt={-8} className="no-print">
          <Anchor component={Link} to={`/students/${encodeURIComponent(id)}`}>
            Profile of {data.name}
          </Anchor>
        </Text>
      )}
      <PrintButton label="Print skills" />
      <Section title="Skills">
        {data.skills.length === 0 ? (
          <Text>No evidence yet, so no estimates.</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped captionSide="top" className="data-table">
              <Table.Caption>Estimated mastery of {data.name} on each skill with evidence</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Skill</Table.Th>
                  <Table.Th scope="col">State</Table.Th>
                  <Table.Th scope="col" ta="right">Knows it</Table.Th>
                  <Table.Th scope="col" ta="right">Attempts</Table.Th>
                  <Table.Th scope="col">Last evidence</Table.Th>
                  <Table.Th scope="col">Explanation</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.skills.map((s) => {
                  const cell = describeCell(s);
                  return (
                    <Table.Tr key={s.skillId}>
                      <Table.Th scope="row" fw="normal">
                        {s.code ? `${s.code} ` : ''}
                        {s.name}
                      </Table.Th>
                      <Table.Td className={`heat-cell heat-${cell.state}`}>
                        <span aria-hidden="true">{cell.symbol} </span>
                        {cell.word}
                      </Table.Td>
                      <Table.Td ta="right">{cell.percent}</Table.Td>
                      <Table.Td ta="right">
                        {s.rightCount} right of {s.attempts}
                      </Table.Td>
                      <Table.Td>{when(s.lastAt)}</Table.Td>
                      <Table.Td>{s.explanation}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <Section title="Over time">
        <NativeSelect
          className="no-print"
          label="Skill"
          value={skill}
          onChange={(e) => setSkill(e.currentTarget.value)}
          data={[{ value: '', label: 'Every skill (no chart)' }, ...data.skills.map((s) => ({ value: s.skillId, label: `${skillLabel(s)} ${s.name}` }))]}
          maw={420}
          mb="md"
        />
        {skill && history.data && history.data.timeline.length > 0 && (
          <EstimateChart items={history.data.timeline} skill={chosen ? `${skillLabel(chosen)} ${chosen.name}` : ''} hasModel={history.data.model !== null} />
        )}
        <LoadState loading={history.loading} error={history.error} what="the skill's history" />
        <Timeline items={skill ? (history.data?.timeline ?? []) : data.timeline} name={data.name} />
      </Section>
    </>
  );
}

/** The estimate after each attempt (a line) and each attempt right or wrong (filled or hollow marks). */
function EstimateChart({ items, skill, hasModel }: { items: TimelineItem[]; skill: string; hasModel: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const right = items.filter((i) => i.correct).length;
  const last = items[items.length - 1];
  const summary = hasModel
    ? `${skill}: ${items.length} attempts, ${right} right; the estimate is ${Math.round((last?.known ?? 0) * 100)}% after the last one.`
    : `${skill}: ${items.length} attempts, ${right} right. No mastery model is fitted yet, so only the attempts are shown.`;

  useLayoutEffect(() => {
    if (!ref.current) return;
    const data = items.map((i) => ({ at: new Date(i.at), known: i.known, outcome: i.correct ? 'Right' : 'Wrong', y: i.correct ? 1 : 0 }));
    const figure = Plot.plot({
      width: 720,
      height: 260,
      y: { domain: [0, 1], label: 'Probability known', tickFormat: '.0%', grid: true },
      x: { label: 'Time', type: 'time' },
      symbol: { legend: true, domain: ['Right', 'Wrong'], range: ['circle', 'times'] },
      marks: [
        Plot.ruleY([0.95], { stroke: '#2b8a3e', strokeDasharray: '4,3' }),
        ...(hasModel ? [Plot.line(data, { x: 'at', y: 'known', stroke: '#1864ab', curve: 'step-after' })] : []),
        Plot.dot(data, { x: 'at', y: hasModel ? 'known' : 'y', symbol: 'outcome', stroke: '#1a1b1e', r: 4 }),
      ],
    });
    figure.setAttribute('aria-hidden', 'true');
    ref.current.replaceChildren(figure);
  }, [items, hasModel]);

  return (
    <figure className="estimate-chart">
      <div ref={ref} role="img" aria-label={summary} />
      <figcaption>
        <Text size="sm">{summary} The dashed line is the mastery threshold (95%).</Text>
      </figcaption>
    </figure>
  );
}

function Timeline({ items, name }: { items: TimelineItem[]; name: string }) {
  if (items.length === 0) return <Text>No evidence yet.</Text>;
  const newestFirst = [...items].reverse();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped captionSide="top" className="data-table">
        <Table.Caption>Evidence of {name}, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Skill</Table.Th>
            <Table.Th scope="col">Result</Table.Th>
            <Table.Th scope="col" ta="right">Estimate after</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {newestFirst.map((item, i) => (
            <Table.Tr key={`${item.at}-${item.skillId}-${i}`}>
              <Table.Th scope="row" fw="normal">
                {when(item.at)}
              </Table.Th>
              <Table.Td>{skillLabel(item)}</Table.Td>
              <Table.Td>{item.correct ? '✓ Right' : '✗ Wrong'}</Table.Td>
              <Table.Td ta="right">{item.known === null ? '—' : `${Math.round(item.known * 100)}%`}</Table.Td>
              <Table.Td className="break-anywhere">
                {SOURCE_NAMES[item.sourceKind]} · {item.sourceRef}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
