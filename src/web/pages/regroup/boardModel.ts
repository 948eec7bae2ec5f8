/**
 * What the board draws for one block: every place a student could go (the plan's
 * groups, plus idle adults and open stations as empty cards), the students with no
 * place, and who is where. Pure, so the page stays about interaction.
 */
import { groupKey } from './planEdit.ts';
import type { Group, PlanView, PlanWarning, SetupBlock } from './types.ts';

export interface BoardPlace {
  key: string;
  group: Group;
  title: string;
  capacity: number;
  kind: 'group' | 'station';
}

export function placesOfBlock(view: PlanView, groups: readonly Group[], block: SetupBlock): BoardPlace[] {
  const { setup } = view;
  const inBlock = groups.filter((group) => group.block === block.id);
  const supervising = new Set(setup.stations.filter((s) => s.supervisor && s.blocks.includes(block.id)).map((s) => s.supervisor!));
  const candidates: Group[] = [
    ...setup.adults.filter((a) => a.blocks.includes(block.id) && !supervising.has(a.id)).map((a) => ({ block: block.id, adult: a.id, focusSkill: null, students: [] })),
    ...setup.stations.filter((s) => s.blocks.includes(block.id)).map((s) => ({ block: block.id, station: s.id, focusSkill: null, students: [] })),
  ];
  const present = new Set(inBlock.map(groupKey));
  const all = [...inBlock, ...candidates.filter((group) => !present.has(groupKey(group)))];
  return all
    .map((group) => describePlace(view, group))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'group' ? -1 : 1));
}

function describePlace(view: PlanView, group: Group): BoardPlace {
  if (group.adult !== undefined) {
    const adult = view.setup.adults.find((a) => a.id === group.adult);
    return { key: groupKey(group), group, title: `${adult?.name ?? group.adult}'s group`, capacity: adult?.capacity ?? 0, kind: 'group' };
  }
  const station = view.setup.stations.find((s) => s.id === group.station);
  return { key: groupKey(group), group, title: station?.name ?? group.station ?? 'Station', capacity: station?.capacity ?? 0, kind: 'station' };
}

export function unplacedInBlock(view: PlanView, groups: readonly Group[], block: string): string[] {
  const placed = new Set(groups.filter((g) => g.block === block).flatMap((g) => g.students));
  return view.students.filter((s) => !placed.has(s.id)).map((s) => s.id);
}

/** Adds the (empty) place for `key` to the plan when the plan has no group there yet. */
export function withPlace(groups: readonly Group[], place: BoardPlace): Group[] {
  return groups.some((g) => groupKey(g) === place.key) ? [...groups] : [...groups, { ...place.group, students: [] }];
}

/** Empty groups without a focus say nothing; the server need not store them. */
export const withoutIdle = (groups: readonly Group[]): Group[] => groups.filter((g) => g.students.length > 0 || g.focusSkill !== null);

/** The warnings that belong on one card: of its block, and about its students or its place. */
export function warningsOfPlace(warnings: readonly PlanWarning[], place: BoardPlace): PlanWarning[] {
  const { group } = place;
  const name = group.adult !== undefined ? `${group.adult}'s group` : `station ${group.station}`;
  return warnings.filter((w) => w.block === group.block && ((w.student !== undefined && group.students.includes(w.student)) || w.message.includes(name)));
}

/** Server and optimiser messages name people by id; the board shows names. */
export function humanise(view: PlanView, message: string): string {
  const names = new Map<string, string>();
  for (const s of view.students) names.set(s.id, s.name);
  for (const a of view.setup.adults) if (a.name) names.set(a.id, a.name);
  for (const s of view.setup.stations) names.set(s.id, s.name);
  for (const k of view.skills) names.set(k.id, k.code);
  return message.replace(/[A-Za-z0-9][A-Za-z0-9_.:-]*[A-Za-z0-9]/g, (token) => names.get(token) ?? token);
}
