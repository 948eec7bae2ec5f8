import { Anchor, Group, NativeSelect, SimpleGrid, Table, Text, UnstyledButton } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Heatmap } from '../../../server/routes/learning-schemas.ts';
import { withQuery } from '../../api.ts';
import { Crumbs } from '../../components/Crumbs.tsx';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { StudentNameCell } from '../../components/StudentTable.tsx';
import { useApi } from '../../hooks/useApi.ts';
import type { School, Team } from '../../types.ts';
import { cellOf, describeCell, LEGEND, skillLabel, sortStudents, type HeatmapSort } from './heatmapModel.ts';
import { TeamLearningLinks } from './TeamLearningLinks.tsx';
import './learning-views.css';

const YES_NO = [
  { value: '', label: 'Any' },
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];
const FILTERS = ['school', 'class', 'englishLearner', 'specialEducation', 'economicallyDisadvantaged'] as const;

/** The team's students × its skill sequence: state and probability per cell, sortable, filterable, printable. */
export function HeatmapPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [sort, setSort] = useState<HeatmapSort>({ key: 'name', direction: 'ascending' });
  const team = useApi<Team>(`/api/teams/${encodeURIComponent(id)}`);
  const schools = useApi<{ items: School[] }>('/api/schools');
  const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? '']));
  const heatmap = useApi<Heatmap>(withQuery(`/api/teams/${encodeURIComponent(id)}/mastery`, filters));

  const set = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const toggleSort = (key: string) =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'ascending' ? 'descending' : key === 'name' ? 'ascending' : 'descending' }));

  const teamName = team.data?.name ?? 'Team';
  const data = heatmap.data;
  const students = data ? sortStudents(data.students, sort) : [];
  const ariaSort = (key: string) => (sort.key === key ? sort.direction : 'none');
  // A function, not a component defined here: a new component type each render would remount the button and lose focus.
  const sortButton = (sortKey: string, label: string, text: ReactNode) => (
    <UnstyledButton className="sort-button" onClick={() => toggleSort(sortKey)} aria-label={`Sort by ${label}`}>
      {text}
      <span aria-hidden="true">{sort.key === sortKey ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}</span>
    </UnstyledButton>
  );

  return (
    <>
      {team.data && <Crumbs school={{ sourcedId: team.data.schoolSourcedId, name: team.data.schoolName }} team={team.data} current="Mastery" />}
      <PageHeading title={`Mastery: ${teamName}`} />
      <TeamLearningLinks team={id} current="mastery" />
      <form aria-label="Filter students" onSubmit={(e) => e.preventDefault()} className="no-print">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm" mb="sm">
          <NativeSelect
            label="School"
            value={filters.school}
            onChange={(e) => set('school', e.currentTarget.value)}
            data={[{ value: '', label: 'Any school' }, ...(schools.data?.items ?? []).map((s) => ({ value: s.sourcedId, label: s.name }))]}
          />
          <NativeSelect
            label="Class"
            value={filters.class}
            onChange={(e) => set('class', e.currentTarget.value)}
            data={[{ value: '', label: 'Any class' }, ...(team.data?.classes ?? []).map((c) => ({ value: c.sourcedId, label: c.title }))]}
          />
          <NativeSelect label="English learner" value={filters.englishLearner} onChange={(e) => set('englishLearner', e.currentTarget.value)} data={YES_NO} />
          <NativeSelect label="Special education" value={filters.specialEducation} onChange={(e) => set('specialEducation', e.currentTarget.value)} data={YES_NO} />
          <NativeSelect
            label="Economically disadvantaged"
            value={filters.economicallyDisadvantaged}
            onChange={(e) => set('economicallyDisadvantaged', e.currentTarget.value)}
            data={YES_NO}
          />
        </SimpleGrid>
      </form>
      <Group justify="space-between" mb="sm">
        <ul className="heatmap-legend" aria-label="Legend">
          {LEGEND.map((item) => (
            <li key={item.state}>
              <span className={`heat-cell heat-${item.state}`}>
                <span aria-hidden="true">{item.symbol}</span> {item.word}
              </span>
            </li>
          ))}
          <li>⚑ open struggling flags</li>
        </ul>
        <PrintButton label="Print mastery" />
      </Group>
      <LoadState loading={heatmap.loading} error={heatmap.error} what="the mastery heatmap" />
      {data && data.skills.length === 0 && <Text>This team has no skill sequence yet: its teacher-leader sets one on the Skills page.</Text>}
      {data && data.skills.length > 0 && (
        <Table.ScrollContainer minWidth={320 + data.skills.length * 110}>
          <Table captionSide="top" className="data-table heatmap" withTableBorder>
            <Table.Caption>
              Mastery of {teamName}'s students on the team's skill sequence ({students.length} students); each cell shows the state and the
              probability the student knows the skill.
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" aria-sort={ariaSort('name')}>
                  {sortButton('name', 'student name', 'Student')}
                </Table.Th>
                <Table.Th scope="col" aria-sort={ariaSort('mastered')} ta="right">
                  {sortButton('mastered', 'number of skills mastered', 'Mastered')}
                </Table.Th>
                {data.skills.map((skill) => (
                  <Table.Th key={skill.skillId} scope="col" aria-sort={ariaSort(skill.skillId)} title={skill.name}>
                    {sortButton(skill.skillId, `${skillLabel(skill)} ${skill.name}`, skillLabel(skill))}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {students.map((student) => (
                <Table.Tr key={student.sourcedId}>
                  <StudentNameCell sourcedId={student.sourcedId} name={student.name} page="skills">
                    {student.openFlags > 0 && (
                      <Anchor component={Link} to={`/teams/${encodeURIComponent(id)}/struggling`} className="flag-mark" ml={6}>
                        ⚑ {student.openFlags} open {student.openFlags === 1 ? 'flag' : 'flags'}
                      </Anchor>
                    )}
                  </StudentNameCell>
                  <Table.Td ta="right">
                    {student.mastered} of {data.skills.length}
                  </Table.Td>
                  {data.skills.map((skill) => {
                    const cell = describeCell(cellOf(student, skill.skillId));
                    return (
                      <Table.Td key={skill.skillId} className={`heat-cell heat-${cell.state}`}>
                        <span aria-hidden="true">{cell.symbol} </span>
                        {cell.word} {cell.percent}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
