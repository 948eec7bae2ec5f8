/**
 * The instance compiled into numbered arrays: places per block, units of
 * together-students, pins, and every coefficient of the objective. The
 * heuristic, the objective evaluation and the MILP all read their numbers from
 * here, which is what makes them optimise exactly the same model.
 */
import { readiness, type Readiness } from './readiness.ts';
import type { Instance, Problem, Weights } from './types.ts';
import { togetherUnits } from './units.ts';

export interface Place {
  kind: 'group' | 'station';
  /** Index of the adult (group) or station. */
  owner: number;
  capacity: number;
}

export interface Model {
  instance: Instance;
  weights: Weights;
  students: number;
  blocks: number;
  skills: number;
  adults: number;
  readiness: Readiness[];
  /** Per student: the next skill's index, or -1 (readiness[s].next, kept flat for the hot loops). */
  nextSkill: Int32Array;
  /** Per block: the adults' groups first, then the open stations, in instance order. */
  places: Place[][];
  /** Per block: how many of its places are adult groups. */
  groupCount: number[];
  /** Per block: where its groups start in the flat per-group arrays (focus, pinnedFocus). */
  groupOffset: number[];
  totalGroups: number;
  /** Per block: the capacity of all its groups, C_b, which fair shares divide. */
  groupCapacity: number[];
  /** Per student × skill: value of a block in an adult group with that focus (fit + depth). */
  focusValue: Float64Array;
  /** Per student × adult: bonus for a flagged student's block with that adult. */
  flaggedValue: Float64Array;
  /** Per student × block: yesterday's adult there when its focus is still the student's next skill, else -1. */
  churnAdult: Int32Array;
  /** Per student: indices into `needNames`. */
  needs: number[][];
  needNames: string[];
  /** Per adult × need: 1 when the adult supports the need. */
  supports: Uint8Array;
  /** Per student: students they must be apart from. */
  apart: number[][];
  /** Units of students who move together; members in instance order. */
  units: number[][];
  unitOf: Int32Array;
  /** Per skill: the units with a member ready for it, the only ones a group on that skill can serve well. */
  readyUnits: number[][];
  /** Per student × block: the pinned place index, or -1. */
  pinnedPlace: Int32Array;
  /** Per group: the pinned focus skill, or -1. */
  pinnedFocus: Int32Array;
  /** Per student: how many more adults they can meet for the relationship bonus (2 − met this week, at least 0). */
  relationshipRoom: Int32Array;
  /** Per student × adult: 1 when they met earlier this week. */
  metBefore: Uint8Array;
  adultLedPerDay: number;
  /** Contradictions found while compiling (pins to places that are not open); the plan cannot keep them. */
  problems: Problem[];
}

export function compile(instance: Instance): Model {
  const weights = instance.weights;
  const S = instance.students.length;
  const B = instance.blocks.length;
  const K = instance.skills.length;
  const A = instance.adults.length;
  const blockIndex = new Map(instance.blocks.map((block, i) => [block.id, i]));
  const skillIndex = new Map(instance.skills.map((skill, i) => [skill.id, i]));
  const adultIndex = new Map(instance.adults.map((adult, i) => [adult.id, i]));
  const stationIndex = new Map(instance.stations.map((station, i) => [station.id, i]));
  const studentIndex = new Map(instance.students.map((student, i) => [student.id, i]));
  const problems: Problem[] = [];

  const places: Place[][] = [];
  const groupCount: number[] = [];
  const groupOffset: number[] = [];
  const groupCapacity: number[] = [];
  let totalGroups = 0;
  for (const block of instance.blocks) {
    const supervising = new Set(instance.stations.filter((station) => station.supervisor !== undefined && station.blocks.includes(block.id)).map((station) => station.supervisor));
    const groups: Place[] = [];
    instance.adults.forEach((adult, a) => {
      if (adult.blocks.includes(block.id) && !supervising.has(adult.id)) groups.push({ kind: 'group', owner: a, capacity: adult.capacity });
    });
    const stations: Place[] = [];
    instance.stations.forEach((station, t) => {
      if (station.blocks.includes(block.id)) stations.push({ kind: 'station', owner: t, capacity: station.capacity });
    });
    groupOffset.push(totalGroups);
    groupCount.push(groups.length);
    groupCapacity.push(groups.reduce((sum, place) => sum + place.capacity, 0));
    totalGroups += groups.length;
    places.push([...groups, ...stations]);
  }

  const states = instance.students.map((student) => readiness(student, instance.skills, instance.mastered));
  const focusValue = new Float64Array(S * K);
  states.forEach((state, s) => {
    for (let k = 0; k < K; k++) {
      focusValue[s * K + k] = state.ready[k]
        ? (k === state.next ? weights.next : weights.ready) + weights.depth * (1 - state.probability[k]!)
        : -weights.notReady;
    }
  });

  const flaggedValue = new Float64Array(S * A);
  instance.students.forEach((student, s) => {
    if (student.flags.length === 0) return;
    instance.adults.forEach((adult, a) => {
      flaggedValue[s * A + a] = weights.smallGroup / adult.capacity + (adult.role === 'tutor' ? weights.tutor : 0);
    });
  });

  const churnAdult = new Int32Array(S * B).fill(-1);
  for (const group of instance.previous) {
    if (group.adult === undefined || group.focusSkill === null) continue;
    const b = blockIndex.get(group.block)!;
    const a = adultIndex.get(group.adult)!;
    const k = skillIndex.get(group.focusSkill)!;
    for (const id of group.students) {
      const s = studentIndex.get(id)!;
      // Only a student whose need is unchanged: yesterday's focus is still their next skill.
      if (states[s]!.next === k && churnAdult[s * B + b] === -1) churnAdult[s * B + b] = a;
    }
  }

  const needNames = [...new Set(instance.students.flatMap((student) => student.needs))].sort();
  const needIndex = new Map(needNames.map((name, i) => [name, i]));
  const needs = instance.students.map((student) => student.needs.map((need) => needIndex.get(need)!));
  const supports = new Uint8Array(A * needNames.length);
  instance.adults.forEach((adult, a) => {
    for (const need of adult.supports) {
      const n = needIndex.get(need);
      if (n !== undefined) supports[a * needNames.length + n] = 1;
    }
  });

  const apart: number[][] = Array.from({ length: S }, () => []);
  for (const [first, second] of instance.constraints.apart) {
    const s = studentIndex.get(first)!;
    const t = studentIndex.get(second)!;
    if (!apart[s]!.includes(t)) apart[s]!.push(t);
    if (!apart[t]!.includes(s)) apart[t]!.push(s);
  }
  const units = togetherUnits(
    S,
    instance.constraints.together.map(([first, second]) => [studentIndex.get(first)!, studentIndex.get(second)!] as const),
  );
  const unitOf = new Int32Array(S);
  units.forEach((members, u) => members.forEach((s) => (unitOf[s] = u)));

  const readyUnits: number[][] = Array.from({ length: K }, () => []);
  units.forEach((members, u) => {
    for (let k = 0; k < K; k++) if (members.some((s) => states[s]!.ready[k])) readyUnits[k]!.push(u);
  });

  const pinnedPlace = new Int32Array(S * B).fill(-1);
  const pinnedFocus = new Int32Array(totalGroups).fill(-1);
  instance.pinned.forEach((pin, i) => {
    const b = blockIndex.get(pin.block)!;
    const s = studentIndex.get(pin.student)!;
    const where = pin.adult !== undefined ? `${pin.adult}'s group` : `station ${pin.station}`;
    const p = places[b]!.findIndex((place) =>
      pin.adult !== undefined ? place.kind === 'group' && place.owner === adultIndex.get(pin.adult) : place.kind === 'station' && place.owner === stationIndex.get(pin.station!),
    );
    if (p === -1) {
      const why = pin.adult !== undefined ? 'the adult leads no group in that block (not available, or supervising a station)' : 'the station is not open in that block';
      problems.push({ rule: 'pinned', message: `pinned[${i}]: ${pin.student} cannot be pinned to ${where} in block ${pin.block}: ${why}`, students: [pin.student], block: pin.block });
      return;
    }
    const existing = pinnedPlace[s * B + b]!;
    if (existing !== -1 && existing !== p) {
      problems.push({ rule: 'pinned', message: `pinned[${i}]: ${pin.student} is pinned to two places in block ${pin.block}`, students: [pin.student], block: pin.block });
      return;
    }
    pinnedPlace[s * B + b] = p;
    if (pin.focusSkill !== undefined) {
      const g = groupOffset[b]! + p;
      const k = skillIndex.get(pin.focusSkill)!;
      if (pinnedFocus[g] !== -1 && pinnedFocus[g] !== k) {
        problems.push({ rule: 'pinned', message: `pinned[${i}]: ${pin.adult}'s group in block ${pin.block} is pinned to two focus skills`, students: [pin.student], block: pin.block });
        return;
      }
      pinnedFocus[g] = k;
    }
  });

  const relationshipRoom = new Int32Array(S);
  const metBefore = new Uint8Array(S * A);
  if (instance.week !== null) {
    instance.students.forEach((student, s) => {
      const met = (instance.week![student.id] ?? []).filter((id) => adultIndex.has(id));
      for (const id of met) metBefore[s * A + adultIndex.get(id)!] = 1;
      const metCount = (instance.week![student.id] ?? []).length;
      relationshipRoom[s] = Math.max(0, 2 - metCount);
    });
  }

  return {
    instance,
    weights,
    students: S,
    blocks: B,
    skills: K,
    adults: A,
    readiness: states,
    nextSkill: Int32Array.from(states.map((state) => state.next)),
    places,
    groupCount,
    groupOffset,
    totalGroups,
    groupCapacity,
    focusValue,
    flaggedValue,
    churnAdult,
    needs,
    needNames,
    supports,
    apart,
    units,
    unitOf,
    readyUnits,
    pinnedPlace,
    pinnedFocus,
    relationshipRoom,
    metBefore,
    adultLedPerDay: instance.constraints.adultLedPerDay,
    problems,
  };
}

/** Value of student s spending block b in adult a's group with focus k: the MILP's coefficient of x[s,b,a,k]. */
export function groupValue(model: Model, s: number, b: number, adult: number, k: number): number {
  const churn = model.churnAdult[s * model.blocks + b] === adult && k === model.nextSkill[s] ? model.weights.churn : 0;
  return model.focusValue[s * model.skills + k]! + model.flaggedValue[s * model.adults + adult]! + churn;
}

/** Whether adult a supports need n. */
export function supportsNeed(model: Model, adult: number, need: number): boolean {
  return model.supports[adult * model.needNames.length + need] === 1;
}
