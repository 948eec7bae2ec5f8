import { Anchor, Group } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { withQuery } from '../../api.ts';
import { ClassTable } from '../../components/ClassTable.tsx';
import { Crumbs } from '../../components/Crumbs.tsx';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { gradeRange } from '../../components/SchoolTable.tsx';
import { Section } from '../../components/Section.tsx';
import { StatGroup } from '../../components/StatGroup.tsx';
import { TeamTable } from '../../components/TeamTable.tsx';
import { useApi } from '../../hooks/useApi.ts';
import type { ClassSummary, School, TeamSummary } from '../../types.ts';

export function SchoolPage() {
  const { id = '' } = useParams();
  const school = useApi<School & { teams: TeamSummary[] }>(`/api/schools/${encodeURIComponent(id)}`);
  const classes = useApi<{ items: ClassSummary[] }>(school.data ? withQuery('/api/classes', { school: id }) : null);

  if (!school.data) {
    return (
      <>
        <PageHeading title={school.error?.status === 404 ? 'School not found' : 'School'} />
        <LoadState loading={school.loading} error={school.error} what="the school" />
      </>
    );
  }
  const s = school.data;
  return (
    <>
      <Crumbs school={s} />
      <PageHeading title={s.name} />
      <StatGroup
        stats={[
          { label: 'Grades', value: gradeRange(s.grades) },
          { label: 'Students', value: s.studentCount },
          { label: 'Teams', value: s.teamCount },
          { label: 'Classes', value: s.classCount },
        ]}
      />
      <Group mb="lg" className="no-print">
        <Anchor component={Link} to={withQuery('/students', { school: id })}>
          Find students at {s.name}
        </Anchor>
      </Group>
      <Section title="Teams">
        {s.teams.length === 0 ? <p>No teams yet.</p> : <TeamTable teams={s.teams} caption={`Teams at ${s.name}`} showSchool={false} />}
      </Section>
      <Section title="Classes">
        <LoadState loading={classes.loading} error={classes.error} what="classes" />
        {classes.data && <ClassTable classes={classes.data.items} caption={`Classes at ${s.name}`} />}
      </Section>
    </>
  );
}
