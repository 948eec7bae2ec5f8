import { Badge, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SkillNode } from '../../../server/routes/learning-schemas.ts';
import { ancestors, hasChildren, treeKey, visibleSkills } from './skillTree.ts';

interface Props {
  label: string;
  skills: SkillNode[];
  selected: string | null;
  onSelect: (id: string) => void;
}

/**
 * A framework as a WAI-ARIA tree: one tab stop, arrow keys to move, Right and
 * Left to open and close, Enter or Space to select. Selecting from outside (a
 * prerequisite link) opens the way to the skill and moves focus to it.
 */
export function SkillTree({ label, skills, selected, onSelect }: Props) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(skills.filter((s) => s.depth < 2).map((s) => s.id)));
  const [focused, setFocused] = useState<string | null>(skills[0]?.id ?? null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const moved = useRef(false);
  const visible = useMemo(() => visibleSkills(skills, expanded), [skills, expanded]);
  const children = useMemo(() => {
    const map = new Map<string | null, SkillNode[]>();
    const ids = new Set(skills.map((s) => s.id));
    for (const skill of skills) {
      const parent = skill.parentId && ids.has(skill.parentId) ? skill.parentId : null;
      const siblings = map.get(parent);
      if (siblings) siblings.push(skill);
      else map.set(parent, [skill]);
    }
    return map;
  }, [skills]);

  useEffect(() => {
    if (!selected || !skills.some((s) => s.id === selected)) return;
    setExpanded((open) => new Set([...open, ...ancestors(skills, selected)]));
    moved.current = true;
    setFocused(selected);
  }, [selected, skills]);

  useEffect(() => {
    if (moved.current && focused) items.current.get(focused)?.focus();
    moved.current = false;
  }, [focused, visible]);

  const onKeyDown = (event: KeyboardEvent, skill: SkillNode) => {
    const action = treeKey(event.key, skill, skills, expanded);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    if ('focus' in action) {
      moved.current = true;
      setFocused(action.focus);
    } else if ('expand' in action) setExpanded((open) => new Set([...open, action.expand]));
    else if ('collapse' in action) setExpanded((open) => new Set([...open].filter((id) => id !== action.collapse)));
    else onSelect(action.select);
  };

  const render = (parent: string | null) =>
    (children.get(parent) ?? []).map((skill, index, siblings) => {
      const branch = hasChildren(skills, skill.id);
      const open = expanded.has(skill.id);
      return (
        <li
          key={skill.id}
          role="treeitem"
          aria-level={skill.depth + 1}
          aria-setsize={siblings.length}
          aria-posinset={index + 1}
          aria-expanded={branch ? open : undefined}
          aria-selected={skill.id === selected}
          tabIndex={skill.id === focused ? 0 : -1}
          ref={(element) => {
            if (element) items.current.set(skill.id, element);
            else items.current.delete(skill.id);
          }}
          onKeyDown={(event) => onKeyDown(event, skill)}
          onClick={(event) => {
            event.stopPropagation();
            setFocused(skill.id);
            onSelect(skill.id);
            if (branch) setExpanded((all) => (all.has(skill.id) ? new Set([...all].filter((id) => id !== skill.id)) : new Set([...all, skill.id])));
          }}
          onFocus={(event) => {
            if (event.target === event.currentTarget) setFocused(skill.id);
          }}
          className="skill-tree-item"
        >
          <span className="skill-tree-row" data-selected={skill.id === selected || undefined}>
            <span className="skill-tree-toggle" aria-hidden>
              {branch ? (open ? '▾' : '▸') : ''}
            </span>
            {skill.code && (
              <Text span fw={600} mr="xs">
                {skill.code}
              </Text>
            )}
            <Text span>{skill.name}</Text>
            {skill.prerequisites.length > 0 && (
              <Badge variant="light" size="sm" ml="xs" tt="none" className="skill-tree-badge">
                {skill.prerequisites.length} prerequisite{skill.prerequisites.length > 1 ? 's' : ''}
              </Badge>
            )}
          </span>
          {branch && open && <ul role="group">{render(skill.id)}</ul>}
        </li>
      );
    });

  return (
    <ul role="tree" aria-label={label} className="skill-tree">
      {render(null)}
    </ul>
  );
}
