import { Badge, Group } from '@mantine/core';
import type { StudentSummary } from '../types.ts';

type Programs = Pick<StudentSummary, 'englishLearner' | 'specialEducation' | 'economicallyDisadvantaged'>;

/** Badges for the programs a student is in; nothing when none. */
export function ProgramBadges({ student, size = 'sm' }: { student: Programs; size?: 'sm' | 'md' }) {
  const badges = [
    student.englishLearner && { label: 'English learner', short: 'EL', color: 'teal' },
    student.specialEducation && { label: 'Special education', short: 'SPED', color: 'grape' },
    student.economicallyDisadvantaged && { label: 'Economically disadvantaged', short: 'ED', color: 'orange' },
  ].filter((b): b is { label: string; short: string; color: string } => Boolean(b));
  if (badges.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap">
      {badges.map((b) => (
        <Badge key={b.short} color={b.color} variant="light" size={size}>
          {size === 'md' ? b.label : <abbr title={b.label}>{b.short}</abbr>}
        </Badge>
      ))}
    </Group>
  );
}
