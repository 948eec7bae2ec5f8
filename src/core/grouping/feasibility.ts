/**
 * Reasons no plan can keep every hard rule, found by counting before any search:
 * contradictory pins and pairs, places too small for a block or for a
 * together-group, too few adult seats for the adult-led rule, needs no adult
 * available supports. Each problem says which rule and why, with the numbers.
 */
import type { Model } from './model.ts';
import { supportsNeed } from './model.ts';
import { placeName } from './rules.ts';
import type { Problem } from './types.ts';

function list(ids: string[]): string {
  return ids.length <= 6 ? ids.join(', ') : `${ids.slice(0, 6).join(', ')} and ${ids.length - 6} more`;
}

export function infeasibilityReport(model: Model): Problem[] {
  const { instance, blocks: B } = model;
  const problems: Problem[] = [...model.problems];
  const id = (s: number) => instance.students[s]!.id;
  const blockId = (b: number) => instance.blocks[b]!.id;

  // Together-units against apart pairs and pins.
  model.units.forEach((members) => {
    if (members.length < 2) return;
    const inUnit = new Set(members);
    for (const s of members) {
      for (const t of model.apart[s]!) {
        if (t > s && inUnit.has(t)) {
          problems.push({
            rule: 'together',
            message: `${id(s)} and ${id(t)} must be apart, but the together pairs join them (${list(members.map(id))})`,
            students: [id(s), id(t)],
          });
        }
      }
    }
    for (let b = 0; b < B; b++) {
      const pins = new Map<number, number>();
      for (const s of members) {
        const p = model.pinnedPlace[s * B + b]!;
        if (p !== -1 && !pins.has(p)) pins.set(p, s);
      }
      if (pins.size > 1) {
        const where = [...pins].map(([p, s]) => `${id(s)} to ${placeName(model, b, p)}`).join(', ');
        problems.push({ rule: 'pinned', message: `block ${blockId(b)}: ${list(members.map(id))} must be together but are pinned apart (${where})`, students: members.map(id), block: blockId(b) });
      }
    }
  });

  for (let b = 0; b < B; b++) {
    const places = model.places[b]!;
    const capacity = places.reduce((sum, place) => sum + place.capacity, 0);
    if (capacity < model.students) {
      problems.push({
        rule: 'capacity',
        message: `block ${blockId(b)}: its groups and stations hold ${capacity} students but there are ${model.students}`,
        students: [],
        block: blockId(b),
      });
    }
    // Pins fill places: a unit pinned by any member occupies the place with all its members.
    const pinnedLoad = new Map<number, Set<number>>();
    model.units.forEach((members, u) => {
      for (const s of members) {
        const p = model.pinnedPlace[s * B + b]!;
        if (p === -1) continue;
        if (!pinnedLoad.has(p)) pinnedLoad.set(p, new Set());
        pinnedLoad.get(p)!.add(u);
      }
    });
    for (const [p, units] of pinnedLoad) {
      const students = [...units].flatMap((u) => model.units[u]!);
      if (students.length > places[p]!.capacity) {
        problems.push({
          rule: 'pinned',
          message: `block ${blockId(b)}: ${students.length} students are pinned (with those who must stay with them) to ${placeName(model, b, p)}, which holds ${places[p]!.capacity}`,
          students: students.map(id),
          block: blockId(b),
        });
      }
    }
    for (const [first, second] of instance.constraints.apart) {
      const s = instance.students.findIndex((student) => student.id === first);
      const t = instance.students.findIndex((student) => student.id === second);
      const p = model.pinnedPlace[s * B + b]!;
      if (p !== -1 && p === model.pinnedPlace[t * B + b]) {
        problems.push({ rule: 'pinned', message: `block ${blockId(b)}: ${first} and ${second} must be apart but are both pinned to ${placeName(model, b, p)}`, students: [first, second], block: blockId(b) });
      }
    }
    const largest = Math.max(0, ...places.map((place) => place.capacity));
    model.units.forEach((members) => {
      if (members.length > largest) {
        problems.push({
          rule: 'together',
          message: `block ${blockId(b)}: ${list(members.map(id))} must stay together (${members.length} students) but its largest place holds ${largest}`,
          students: members.map(id),
          block: blockId(b),
        });
      }
    });
  }

  const L = model.adultLedPerDay;
  if (L > 0) {
    const seats = model.groupCapacity.reduce((sum, c) => sum + c, 0);
    if (seats < model.students * L) {
      problems.push({
        rule: 'adult_led',
        message: `adult groups hold ${seats} student-blocks today, but ${model.students} students × ${L} adult-led block(s) need ${model.students * L}`,
        students: [],
      });
    }
    model.units.forEach((members) => {
      let possible = 0;
      for (let b = 0; b < B; b++) {
        const pinned = model.pinnedPlace[members[0]! * B + b]!;
        const fits = model.places[b]!.some((place, p) => place.kind === 'group' && place.capacity >= members.length && (pinned === -1 || pinned === p));
        if (fits) possible++;
      }
      if (possible < L) {
        problems.push({
          rule: 'adult_led',
          message: `${list(members.map(id))} can be in an adult group in only ${possible} block(s) (group sizes, pins); the rule is at least ${L}`,
          students: members.map(id),
        });
      }
    });
  }

  model.needNames.forEach((need, n) => {
    const students = instance.students.flatMap((_, s) => (model.needs[s]!.includes(n) ? [s] : []));
    let seats = 0;
    for (let b = 0; b < B; b++) {
      for (const place of model.places[b]!) if (place.kind === 'group' && supportsNeed(model, place.owner, n)) seats += place.capacity;
    }
    if (seats === 0) {
      problems.push({ rule: 'needs', message: `${list(students.map(id))} ${students.length === 1 ? 'needs' : 'need'} ${need}, but no adult leading a group today supports it`, students: students.map(id) });
    } else if (seats < students.length) {
      problems.push({
        rule: 'needs',
        message: `${students.length} students need ${need}, but the groups of adults who support it hold ${seats} student-blocks today`,
        students: students.map(id),
      });
    }
  });
  return problems;
}
