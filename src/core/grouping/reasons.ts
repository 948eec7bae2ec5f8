/**
 * One line a teacher reads for every placement ("Ana — tutor group (Mr Diaz),
 * 6.RP.3: 12 attempts without mastery"), and one per group. They say what the
 * data say: the focus's fit for the student, mastery, flags, needs met.
 */
import type { Model } from './model.ts';
import { supportsNeed } from './model.ts';
import type { Plan } from './objective.ts';
import { focusFit, lastMasteredBefore } from './readiness.ts';
import type { StationKind } from './types.ts';

export interface Reasons {
  /** Per student id, per block id: the sentence for that placement. */
  students: Record<string, Record<string, string>>;
  /** Per block id, per adult or station id: a summary of the group. */
  groups: Record<string, Record<string, string>>;
}

const STATION_LABEL: Record<StationKind, string> = { online: 'online practice', independent: 'independent practice', collaborative: 'collaborative work' };
const ROLE_LABEL = { teacher: 'teacher', teacher_leader: 'teacher-leader', resident: 'resident', tutor: 'tutor' } as const;
const FLAG_LABEL: Record<string, string> = { wheel_spinning: 'wheel-spinning', regression: 'slipped back', inactive: 'inactive', behind: 'behind the team' };

function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

function named(item: { id: string; name?: string }): string {
  return item.name ?? item.id;
}

export function groupReason(model: Model, s: number, b: number, adult: number, k: number): string {
  const { instance } = model;
  const student = instance.students[s]!;
  const state = model.readiness[s]!;
  const skill = instance.skills[k]!.id;
  const fit = focusFit(state, k);
  const parts: string[] = [];
  const attempts = student.attempts[skill];
  if (fit === 'next') {
    if (student.flags.includes('wheel_spinning') && attempts !== undefined) parts.push(`${attempts} attempts without mastery`);
    else parts.push(`next skill, mastery ${percent(state.probability[k]!)}`);
  } else if (fit === 'ready') {
    parts.push(`ready, mastery ${percent(state.probability[k]!)}; next is ${instance.skills[state.next]!.id}`);
  } else if (fit === 'mastered') {
    parts.push(`review: already mastered (${percent(state.probability[k]!)})${state.next === -1 ? '' : `; next is ${instance.skills[state.next]!.id}`}`);
  } else {
    const missing = instance.skills[k]!.prerequisites.filter((id) => !state.mastered[instance.skills.findIndex((item) => item.id === id)]);
    parts.push(`not ready: ${missing.join(', ')} not yet mastered`);
  }
  const flags = student.flags.filter((flag) => !(flag === 'wheel_spinning' && fit === 'next' && attempts !== undefined)).map((flag) => FLAG_LABEL[flag] ?? flag);
  if (flags.length > 0) parts.push(`flagged ${flags.join(', ')}`);
  const met = model.needs[s]!.filter((need) => supportsNeed(model, adult, need)).map((need) => model.needNames[need]!.replaceAll('_', ' '));
  if (met.length > 0) parts.push(`${met.join(' and ')} support`);
  if (model.churnAdult[s * model.blocks + b] === adult && k === state.next) parts.push('same group as yesterday');
  const person = instance.adults[adult]!;
  return `${named(student)} — ${ROLE_LABEL[person.role]} group (${named(person)}), ${skill}: ${parts.join('; ')}`;
}

export function stationReason(model: Model, s: number, station: number, adultBlocks: string[]): string {
  const { instance } = model;
  const student = instance.students[s]!;
  const state = model.readiness[s]!;
  const place = instance.stations[station]!;
  let why: string;
  if (state.next === -1) {
    why = state.mastered.every(Boolean) ? 'every skill in the sequence mastered' : 'no skill ready yet';
  } else {
    const before = lastMasteredBefore(state, state.next);
    const next = instance.skills[state.next]!.id;
    why = before === -1 ? `next ${next} (mastery ${percent(state.probability[state.next]!)})` : `${instance.skills[before]!.id} mastered, next ${next}`;
  }
  const label = stationLabel(place);
  const adultTime = adultBlocks.length > 0 ? `; with an adult in ${adultBlocks.join(', ')}` : '';
  return `${named(student)} — ${label}: ${why}${adultTime}`;
}

/** "online practice", or the station's name when it says its kind ("Online practice 2"), else both. */
function stationLabel(station: { name?: string; kind: StationKind }): string {
  const kind = STATION_LABEL[station.kind];
  if (!station.name) return kind;
  return station.name.toLowerCase().includes(station.kind) ? station.name : `${kind} (${station.name})`;
}

export function explainPlan(model: Model, plan: Plan): Reasons {
  const { instance, blocks: B } = model;
  const students: Reasons['students'] = {};
  const groups: Reasons['groups'] = {};
  for (let s = 0; s < model.students; s++) {
    const adultBlocks: string[] = [];
    for (let b = 0; b < B; b++) if (model.places[b]![plan.place[s * B + b]!]!.kind === 'group') adultBlocks.push(named(instance.blocks[b]!));
    const sentences: Record<string, string> = {};
    for (let b = 0; b < B; b++) {
      const p = plan.place[s * B + b]!;
      const place = model.places[b]![p]!;
      sentences[instance.blocks[b]!.id] =
        place.kind === 'group' ? groupReason(model, s, b, place.owner, plan.focus[model.groupOffset[b]! + p]!) : stationReason(model, s, place.owner, adultBlocks);
    }
    students[instance.students[s]!.id] = sentences;
  }
  for (let b = 0; b < B; b++) {
    const summaries: Record<string, string> = {};
    const members: number[][] = model.places[b]!.map(() => []);
    for (let s = 0; s < model.students; s++) members[plan.place[s * B + b]!]!.push(s);
    model.places[b]!.forEach((place, p) => {
      const list = members[p]!;
      if (list.length === 0) return;
      if (place.kind === 'group') {
        const k = plan.focus[model.groupOffset[b]! + p]!;
        const adult = instance.adults[place.owner]!;
        summaries[adult.id] = groupSummary(model, list, k, `${named(adult)} (${ROLE_LABEL[adult.role]})`);
      } else {
        const station = instance.stations[place.owner]!;
        summaries[station.id] = `${stationLabel(station)}: ${list.length} student${list.length === 1 ? '' : 's'}, each on their own next skill`;
      }
    });
    groups[instance.blocks[b]!.id] = summaries;
  }
  return { students, groups };
}

function groupSummary(model: Model, members: number[], k: number, who: string): string {
  const counts = { next: 0, ready: 0, mastered: 0, missing_prerequisite: 0 };
  let flagged = 0;
  let mastery = 0;
  for (const s of members) {
    counts[focusFit(model.readiness[s]!, k)]++;
    if (model.instance.students[s]!.flags.length > 0) flagged++;
    mastery += model.readiness[s]!.probability[k]!;
  }
  const parts = [`${counts.next} on their next skill`];
  if (counts.ready > 0) parts.push(`${counts.ready} ready for it`);
  if (counts.mastered > 0) parts.push(`${counts.mastered} reviewing a mastered skill`);
  if (counts.missing_prerequisite > 0) parts.push(`${counts.missing_prerequisite} missing a prerequisite`);
  if (flagged > 0) parts.push(`${flagged} flagged`);
  const n = members.length;
  return `${who}, ${model.instance.skills[k]!.id}: ${n} student${n === 1 ? '' : 's'}; ${parts.join(', ')}; mean mastery ${percent(mastery / n)}`;
}
