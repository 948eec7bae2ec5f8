import { useDraggable } from '@dnd-kit/core';
import { Button, Menu, Tooltip } from '@mantine/core';
import { useId } from 'react';
import type { PlanStudent } from './types.ts';

export interface MoveTarget {
  key: string;
  label: string;
}

interface Props {
  student: PlanStudent;
  block: string;
  blockName: string;
  /** Mastery of the group's focus skill, 0–1; null at a station or without a focus. */
  mastery: number | null;
  reason: string | undefined;
  pinned: boolean;
  changed: boolean;
  editable: boolean;
  targets: MoveTarget[];
  onMove(target: string): void;
  onTogglePin(): void;
}

const FLAG_NAMES: Record<string, string> = { wheel_spinning: 'wheel-spinning', regression: 'regressing', inactive: 'inactive', behind: 'behind' };

/**
 * One student on a group card. A mouse drags the row (dnd-kit); the keyboard uses the
 * "Move" menu, which lists the other places of the same block.
 */
export function StudentRow({ student, block, blockName, mastery, reason, pinned, changed, editable, targets, onMove, onTogglePin }: Props) {
  const reasonId = useId();
  const { setNodeRef, listeners, isDragging, transform } = useDraggable({ id: `${block}|${student.id}`, data: { block, student: student.id }, disabled: !editable });
  const style = transform ? { transform: `translate(${transform.x}px, ${transform.y}px)` } : undefined;
  return (
    <li ref={setNodeRef} style={style} className="board-student" data-dragging={isDragging || undefined} data-changed={changed || undefined} data-student={student.id} {...listeners}>
      <div className="board-student-main">
        <Tooltip label={reason ?? 'No reason recorded'} multiline w={280} events={{ hover: true, focus: true, touch: true }} withinPortal>
          <span className="board-student-name" tabIndex={0} aria-describedby={reasonId}>
            {student.name}
            {pinned && <span className="board-pin-mark"> (pinned)</span>}
          </span>
        </Tooltip>
        <span id={reasonId} className="visually-hidden">
          {reason ?? 'No reason recorded'}
        </span>
        {mastery !== null && (
          <span className="board-mastery">
            <span className="board-mastery-bar" aria-hidden>
              <span style={{ width: `${Math.round(mastery * 100)}%` }} />
            </span>
            <span>{Math.round(mastery * 100)}% mastery</span>
          </span>
        )}
        {(student.flags.length > 0 || student.needs.length > 0 || changed) && (
          <span className="board-badges">
            {student.flags.map((flag) => (
              <span key={flag} className="board-badge board-badge-flag">
                {FLAG_NAMES[flag] ?? flag.replace(/_/g, ' ')}
              </span>
            ))}
            {student.needs.map((need) => (
              <span key={need} className="board-badge board-badge-need">
                {need.replace(/_/g, ' ')}
              </span>
            ))}
            {changed && <span className="board-badge board-badge-changed">changed since last plan</span>}
          </span>
        )}
      </div>
      {editable && (
        <div className="board-student-actions" onPointerDown={(event) => event.stopPropagation()}>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="compact-xs" variant="default" disabled={targets.length === 0}>
                Move<span className="visually-hidden"> {student.name} in {blockName}</span> to…
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Move {student.name} to</Menu.Label>
              {targets.map((target) => (
                <Menu.Item key={target.key} onClick={() => onMove(target.key)}>
                  {target.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Button size="compact-xs" variant={pinned ? 'filled' : 'default'} aria-pressed={pinned} onClick={onTogglePin}>
            Pin<span className="visually-hidden"> {student.name} in {blockName}</span>
          </Button>
        </div>
      )}
    </li>
  );
}
