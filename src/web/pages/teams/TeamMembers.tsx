import { SimpleGrid, Text, Title } from '@mantine/core';
import type { Team, TeamRole } from '../../types.ts';

const ROLE_ORDER: { role: TeamRole; heading: string }[] = [
  { role: 'teacher_leader', heading: 'Teacher-leader' },
  { role: 'teacher', heading: 'Teachers' },
  { role: 'tutor', heading: 'Tutors' },
  { role: 'resident', heading: 'Residents' },
  { role: 'coach', heading: 'Coaches' },
];

/** The team's adults, grouped by role in a fixed order; empty roles are left out. */
export function TeamMembers({ members }: { members: Team['members'] }) {
  const groups = ROLE_ORDER.map((g) => ({ ...g, people: members.filter((m) => m.role === g.role) })).filter((g) => g.people.length > 0);
  if (groups.length === 0) return <Text>No members yet.</Text>;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: Math.min(groups.length, 5) }} spacing="md">
      {groups.map((group) => (
        <div key={group.role}>
          <Title order={3} size="h5" mb={4}>
            {group.heading}
          </Title>
          <ul className="plain-list">
            {group.people.map((person) => (
              <li key={person.sourcedId}>
                <Text size="sm">{person.name}</Text>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </SimpleGrid>
  );
}
