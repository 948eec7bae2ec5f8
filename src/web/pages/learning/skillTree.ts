// The keyboard model of the skill tree (WAI-ARIA tree view), kept apart from React
// so it can be tested directly: which items show, and where each key moves focus.
import type { SkillNode } from '../../../server/routes/learning-schemas.ts';

/** The skills whose ancestors are all expanded, in reading order. */
export function visibleSkills(skills: readonly SkillNode[], expanded: ReadonlySet<string>): SkillNode[] {
  const ids = new Set(skills.map((s) => s.id));
  const shown = new Set<string>();
  return skills.filter((skill) => {
    const visible = skill.parentId === null || !ids.has(skill.parentId) || (shown.has(skill.parentId) && expanded.has(skill.parentId));
    if (visible) shown.add(skill.id);
    return visible;
  });
}

export function hasChildren(skills: readonly SkillNode[], id: string): boolean {
  return skills.some((s) => s.parentId === id);
}

export type TreeAction = { focus: string } | { expand: string } | { collapse: string } | { select: string } | null;

/** What a key does on the focused item. */
export function treeKey(key: string, focused: SkillNode, skills: readonly SkillNode[], expanded: ReadonlySet<string>): TreeAction {
  const visible = visibleSkills(skills, expanded);
  const at = visible.findIndex((s) => s.id === focused.id);
  const open = expanded.has(focused.id);
  const parent = hasChildren(skills, focused.id);
  switch (key) {
    case 'ArrowDown':
      return at + 1 < visible.length ? { focus: visible[at + 1]!.id } : null;
    case 'ArrowUp':
      return at > 0 ? { focus: visible[at - 1]!.id } : null;
    case 'Home':
      return visible[0] ? { focus: visible[0].id } : null;
    case 'End':
      return visible.length > 0 ? { focus: visible[visible.length - 1]!.id } : null;
    case 'ArrowRight':
      if (!parent) return null;
      return open ? { focus: skills.find((s) => s.parentId === focused.id)!.id } : { expand: focused.id };
    case 'ArrowLeft':
      if (parent && open) return { collapse: focused.id };
      return focused.parentId && skills.some((s) => s.id === focused.parentId) ? { focus: focused.parentId } : null;
    case 'Enter':
    case ' ':
      return { select: focused.id };
    default:
      return null;
  }
}

/** The ids to expand so `id` shows: its ancestors. */
export function ancestors(skills: readonly SkillNode[], id: string): string[] {
  const byId = new Map(skills.map((s) => [s.id, s]));
  const out: string[] = [];
  for (let at = byId.get(id)?.parentId ?? null; at && byId.has(at); at = byId.get(at)!.parentId) out.push(at);
  return out;
}
