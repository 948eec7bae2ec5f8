/**
 * Every hard rule, checked on a finished plan from scratch. The optimiser keeps
 * these rules move by move; this independent check is what the result is held
 * to before it leaves `regroup`, and what the property tests assert.
 */
import type { Model } from './model.ts';
import { supportsNeed } from './model.ts';
import type { Plan } from './objective.ts';
import type { Problem } from './types.ts';

export function placeName(model: Model, b: number, p: number): string {
  const place = model.places[b]![p]!;
  return place.kind === 'group' ? `${model.instance.adults[place.owner]!.id}'s group` : `station ${model.instance.stations[place.owner]!.id}`;
}

export function checkHardRules(model: Model, plan: Plan): Problem[] {
  const { instance, blocks: B } = model;
  const problems: Problem[] = [];
  const studentId = (s: number) => instance.students[s]!.id;
  const index = new Map(instance.students.map((student, s) => [student.id, s]));

  for (let b = 0; b < B; b++) {
    const block = instance.blocks[b]!.id;
    const places = model.places[b]!;
    const members: number[][] = places.map(() => []);
    const unplaced: number[] = [];
    for (let s = 0; s < model.students; s++) {
      const p = plan.place[s * B + b]!;
      if (!(p >= 0 && p < places.length)) {
        unplaced.push(s);
        continue;
      }
      members[p]!.push(s);
      const pinned = model.pinnedPlace[s * B + b]!;
      if (pinned !== -1 && pinned !== p) {
        problems.push({ rule: 'pinned', message: `block ${block}: ${studentId(s)} is pinned to ${placeName(model, b, pinned)} but placed in ${placeName(model, b, p)}`, students: [studentId(s)], block });
      }
    }
    for (const s of unplaced) problems.push({ rule: 'place', message: `block ${block}: ${studentId(s)} has no place: ${whyNoPlace(model, plan, b, s, members)}`, students: [studentId(s)], block });
    places.forEach((place, p) => {
      const count = members[p]!.length;
      if (count > place.capacity) {
        problems.push({ rule: 'capacity', message: `block ${block}: ${placeName(model, b, p)} holds ${place.capacity} but has ${count}`, students: members[p]!.map(studentId), block });
      }
      if (place.kind !== 'group') return;
      const g = model.groupOffset[b]! + p;
      const focus = plan.focus[g]!;
      if (count > 0 && !(focus >= 0 && focus < model.skills)) {
        problems.push({ rule: 'focus', message: `block ${block}: ${placeName(model, b, p)} has students but no focus skill`, students: members[p]!.map(studentId), block });
      }
      const pinnedFocus = model.pinnedFocus[g]!;
      if (pinnedFocus !== -1 && count > 0 && focus !== pinnedFocus) {
        problems.push({
          rule: 'pinned',
          message: `block ${block}: ${placeName(model, b, p)} is pinned to focus ${instance.skills[pinnedFocus]!.id}`,
          students: members[p]!.map(studentId),
          block,
        });
      }
    });
    for (const [first, second] of instance.constraints.apart) {
      const p = plan.place[index.get(first)! * B + b]!;
      // Two students with no place are not together anywhere: the place rule reports them.
      if (p >= 0 && p === plan.place[index.get(second)! * B + b]) {
        problems.push({ rule: 'apart', message: `block ${block}: ${first} and ${second} must be apart but are both in ${placeName(model, b, p)}`, students: [first, second], block });
      }
    }
    for (const [first, second] of instance.constraints.together) {
      if (plan.place[index.get(first)! * B + b] !== plan.place[index.get(second)! * B + b]) {
        problems.push({ rule: 'together', message: `block ${block}: ${first} and ${second} must be together but are in different places`, students: [first, second], block });
      }
    }
  }

  for (let s = 0; s < model.students; s++) {
    let adultLed = 0;
    const covered = new Set<number>();
    for (let b = 0; b < B; b++) {
      const place = model.places[b]![plan.place[s * B + b]!];
      if (place?.kind !== 'group') continue;
      adultLed++;
      for (const need of model.needs[s]!) if (supportsNeed(model, place.owner, need)) covered.add(need);
    }
    if (adultLed < model.adultLedPerDay) {
      problems.push({ rule: 'adult_led', message: `${studentId(s)} is in ${adultLed} adult-led block(s); the rule is at least ${model.adultLedPerDay}`, students: [studentId(s)] });
    }
    for (const need of model.needs[s]!) {
      if (!covered.has(need)) {
        problems.push({ rule: 'needs', message: `${studentId(s)} meets no adult who supports ${model.needNames[need]} today`, students: [studentId(s)] });
      }
    }
  }
  return problems;
}

/** Why a student found no place in a block: every place full, or those with room hold someone they must be apart from. */
function whyNoPlace(model: Model, plan: Plan, b: number, s: number, members: number[][]): string {
  const open = model.places[b]!.flatMap((place, p) => (members[p]!.length < place.capacity ? [p] : []));
  if (open.length === 0) return 'every place is full';
  const blocked = open.map((p) => {
    const partner = model.apart[s]!.find((t) => plan.place[t * model.blocks + b] === p);
    return partner === undefined ? null : `${placeName(model, b, p)} has ${model.instance.students[partner]!.id}`;
  });
  if (blocked.every((reason) => reason !== null)) return `it must be apart from someone in every place with room (${blocked.join('; ')})`;
  return 'not placed, though a place has room';
}
