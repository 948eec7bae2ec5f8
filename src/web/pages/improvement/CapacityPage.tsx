import * as Plot from '@observablehq/plot';
import { Badge, SimpleGrid, Table, Text } from '@mantine/core';
import { useLayoutEffect, useRef } from 'react';
import { Link } from 'react-router';
import { JOB_CHOICES } from '../../../core/improvement/playbooks.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Section } from '../../components/Section.tsx';
import { useApi } from '../../hooks/useApi.ts';
import type { DistrictCapacity } from '../../../server/routes/improvement-schemas.ts';
import './improvement.css';

const MONTH = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthName = (month: string) => MONTH.format(new Date(`${month}-01T00:00:00Z`));

/** The figure improvement networks watch most: tests of change studied per month. */
function StudiedPerMonthChart({ months }: { months: DistrictCapacity['studiedPerMonth'] }) {
  const ref = useRef<HTMLDivElement>(null);
  const total = months.reduce((sum, m) => sum + m.studied, 0);
  const busiest = [...months].sort((a, b) => b.studied - a.studied)[0];
  const summary =
    total === 0
      ? `No PDSA cycle was studied in the last ${months.length} months.`
      : `${total} PDSA cycles studied in the last ${months.length} months; the most in ${monthName(busiest!.month)} (${busiest!.studied}).`;
  useLayoutEffect(() => {
    if (!ref.current) return;
    // Month names, not "2026-10" strings, on the axis: Plot would take those for dates on a band scale.
    const data = months.map((m) => ({ month: monthName(m.month), studied: m.studied }));
    const most = Math.max(1, ...months.map((m) => m.studied));
    const figure = Plot.plot({
      width: 720,
      height: 220,
      x: { label: null, domain: data.map((d) => d.month), tickRotate: -30 },
      // Whole cycles only: no 0.5 ticks when the busiest month had one or two.
      y: { label: 'Cycles studied', grid: true, ticks: Math.min(most, 5), tickFormat: 'd', domain: [0, most] },
      marginBottom: 50,
      marks: [Plot.barY(data, { x: 'month', y: 'studied', fill: '#1864ab' }), Plot.ruleY([0])],
    });
    figure.setAttribute('aria-hidden', 'true');
    ref.current.replaceChildren(figure);
  }, [months]);
  return (
    <figure className="capacity-chart">
      <div ref={ref} role="img" aria-label={summary} />
      <figcaption>
        <Text size="sm">{summary} A cycle counts in the month its test ended (or was written down, if no end date was recorded).</Text>
      </figcaption>
    </figure>
  );
}

function Figure({ label, value, hint }: { label: string; value: string | number; hint: string }) {
  return (
    <div className="capacity-figure">
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text fw={600}>{label}</Text>
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
    </div>
  );
}

/**
 * The improvement capacity of every project the person can see: for leaders whose
 * job is to Reorient the system, how fast it learns (cycles studied per month),
 * who takes part, what its portfolio watches, and which projects have gone quiet.
 */
export function CapacityPage() {
  const { data, loading, error } = useApi<DistrictCapacity>('/api/improvement/capacity');
  return (
    <>
      <PageHeading title="Improvement capacity" />
      <Text mb="md">
        How much the system is learning: the tests of change (PDSA cycles) its projects run and study, the people and departments taking part, and the parts
        of the system its measures watch. <Link to="/improvement">All projects</Link>
      </Text>
      <LoadState loading={loading} error={error} what="the improvement capacity" />
      {data && (
        <>
          <Section title="In short">
            <ul aria-label="What the figures say">
              {data.sentences.map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
          </Section>
          {data.projects.total > 0 && (
            <>
              <SimpleGrid cols={{ base: 2, sm: 4 }} mb="lg" role="list" aria-label="Capacity figures">
                {[
                  { label: 'Cycles a month', value: data.recentRate, hint: 'studied, mean of the last three months' },
                  { label: 'Cycles under way', value: data.cycles.underWay, hint: `${data.cycles.overdue} overdue` },
                  { label: 'People', value: data.people, hint: `from ${data.departments} departments; ${data.practitioners} on a project that studied a cycle` },
                  { label: 'Open projects', value: data.projects.active, hint: `${data.projects.byJob.correct} Correct, ${data.projects.byJob.coordinate} Coordinate, ${data.projects.byJob.reorient} Reorient` },
                ].map((figure) => (
                  <div role="listitem" key={figure.label}>
                    <Figure {...figure} />
                  </div>
                ))}
              </SimpleGrid>
              <Section title="Cycles studied per month">
                <StudiedPerMonthChart months={data.studiedPerMonth} />
              </Section>
              <Section title="Portfolio">
                <Text mb="xs">
                  {data.areas.length === 0
                    ? 'No measure names the part of the system it watches yet.'
                    : `Measures watch ${data.areas.map((a) => `${a.area} (${a.projects} ${a.projects === 1 ? 'project' : 'projects'})`).join(', ')}.`}
                </Text>
                {data.missingAreas.length > 0 && <Text mb="xs">{`Not yet watched: ${data.missingAreas.join(', ')}.`}</Text>}
              </Section>
              <Section title="Projects">
                <Table striped>
                  <caption>{`Cycles and people of ${data.rows.length} projects`}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Project</Table.Th>
                      <Table.Th scope="col">Job</Table.Th>
                      <Table.Th scope="col">For</Table.Th>
                      <Table.Th scope="col">People</Table.Th>
                      <Table.Th scope="col">Under way</Table.Th>
                      <Table.Th scope="col">Studied</Table.Th>
                      <Table.Th scope="col">Overdue</Table.Th>
                      <Table.Th scope="col">Widest scale</Table.Th>
                      <Table.Th scope="col">Last cycle activity</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.rows.map((row) => (
                      <Table.Tr key={row.id}>
                        <Table.Th scope="row">
                          <Link to={`/improvement/${row.id}`}>{row.title}</Link>{' '}
                          {row.status !== 'active' && (
                            <Badge variant="light" color="gray">
                              {row.status}
                            </Badge>
                          )}
                        </Table.Th>
                        <Table.Td>{JOB_CHOICES[row.job].name}</Table.Td>
                        <Table.Td>{row.scope}</Table.Td>
                        <Table.Td>{row.people}</Table.Td>
                        <Table.Td>{row.underWay}</Table.Td>
                        <Table.Td>{row.studied}</Table.Td>
                        <Table.Td>{row.overdue > 0 ? <strong>{row.overdue}</strong> : 0}</Table.Td>
                        <Table.Td>{row.widestScale ?? '—'}</Table.Td>
                        <Table.Td>{row.lastCycleOn ?? 'none yet'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Section>
            </>
          )}
        </>
      )}
    </>
  );
}
