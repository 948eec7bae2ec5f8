import { useDroppable } from '@dnd-kit/core';
import { NativeSelect } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PlanSkill, PlanWarning } from './types.ts';

interface Props {
  id: string;
  title: string;
  subtitle: string;
  count: number;
  capacity: number | null;
  /** Present for an adult's group: the focus select. */
  focus?: { value: string | null; skills: PlanSkill[]; editable: boolean; onChange(skill: string | null): void };
  warnings: PlanWarning[];
  children: ReactNode;
}

/** One place in one block (an adult's group or a station), a drop target for dragged students. */
export function GroupCard({ id, title, subtitle, count, capacity, focus, warnings, children }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id, data: { block: id.split('|')[0] } });
  const full = capacity !== null && count > capacity;
  return (
    <section ref={setNodeRef} className="board-card" data-over={isOver || undefined} data-warning={warnings.length > 0 || undefined} aria-label={`${title}, ${subtitle}`}>
      <header className="board-card-head">
        <h4 className="board-card-title">{title}</h4>
        <span className="board-card-count" data-full={full || undefined}>
          {count}
          {capacity !== null && ` of ${capacity}`} students
        </span>
      </header>
      {focus &&
        (focus.editable ? (
          <NativeSelect
            size="xs"
            label={
              <>
                Focus skill<span className="visually-hidden"> of {title}, {subtitle}</span>
              </>
            }
            value={focus.value ?? ''}
            onChange={(event) => focus.onChange(event.currentTarget.value || null)}
            data={[{ value: '', label: 'No focus' }, ...focus.skills.map((skill) => ({ value: skill.id, label: `${skill.code} — ${skill.name}` }))]}
          />
        ) : (
          <p className="board-card-focus">Focus: {skillLabel(focus.skills, focus.value)}</p>
        ))}
      {warnings.length > 0 && (
        <ul className="board-card-warnings" aria-label={`Broken rules in ${title}`}>
          {warnings.map((warning, i) => (
            <li key={i}>{warning.message}</li>
          ))}
        </ul>
      )}
      <ul className="board-students">{children}</ul>
      {count === 0 && <p className="board-empty">No students</p>}
    </section>
  );
}

export function skillLabel(skills: PlanSkill[], id: string | null): string {
  if (id === null) return 'none';
  const skill = skills.find((s) => s.id === id);
  return skill ? `${skill.code} — ${skill.name}` : id;
}
