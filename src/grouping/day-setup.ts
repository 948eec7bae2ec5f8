/**
 * A team's day model: the blocks of its day with their times, the adults who
 * lead groups and when, the stations, the rooms and the team's rules. Pure:
 * defaults from the team's members, and the checks a stored setup must pass,
 * each naming the field and the value so the leader can fix it.
 */
import { DEFAULT_CAPACITY, ROLES, STATION_KINDS, type Role, type StationKind } from '../core/grouping/types.ts';

export interface DayBlock {
  id: string;
  name: string;
  /** HH:MM, the school's local time. */
  start: string;
  end: string;
}

export interface DayAdult {
  /** The adult's staff sourcedId. */
  id: string;
  name?: string;
  role: Role;
  capacity: number;
  blocks: string[];
  supports: string[];
}

export interface DayStation {
  id: string;
  name: string;
  kind: StationKind;
  capacity: number;
  supervisor: string | null;
  blocks: string[];
}

export interface DayRoom {
  name: string;
  capacity: number;
}

export interface DaySetup {
  blocks: DayBlock[];
  adults: DayAdult[];
  stations: DayStation[];
  rooms: DayRoom[];
  constraints: { apart: Array<[string, string]>; together: Array<[string, string]>; adultLedPerDay: number };
}

export interface TeamMemberRef {
  id: string;
  name: string;
  /** The roster role on the team; coaches do not lead groups. */
  role: Role | 'coach';
}

export interface SetupProblem {
  path: string;
  message: string;
}

export const MAX_CAPACITY = 200;

const DEFAULT_BLOCK_TIMES: Array<[string, string]> = [
  ['08:30', '09:15'],
  ['09:20', '10:05'],
  ['10:10', '10:55'],
  ['11:00', '11:45'],
];

export function isGroupRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/**
 * The setup a team starts from: four blocks, every group-leading member in every
 * block, one online station for everyone. Teacher-leaders and teachers start as
 * supporting English learners and students with IEPs (certified teachers
 * usually serve both; without it no first plan could meet those needs), tutors
 * and residents with none; the leader corrects this in the setup.
 */
const TEACHER_SUPPORTS = ['english_learner', 'special_education'];

function defaultSupports(role: Role): string[] {
  return role === 'teacher' || role === 'teacher_leader' ? [...TEACHER_SUPPORTS] : [];
}

export function defaultSetup(members: readonly TeamMemberRef[], studentCount: number): DaySetup {
  const blocks = DEFAULT_BLOCK_TIMES.map(([start, end], i) => ({ id: `B${i + 1}`, name: `Block ${i + 1}`, start, end }));
  const blockIds = blocks.map((block) => block.id);
  const adults: DayAdult[] = members.flatMap((member) =>
    isGroupRole(member.role)
      ? [{ id: member.id, name: member.name, role: member.role, capacity: DEFAULT_CAPACITY[member.role], blocks: [...blockIds], supports: defaultSupports(member.role) }]
      : [],
  );
  return {
    blocks,
    adults,
    stations: [{ id: 'online', name: 'Online practice', kind: 'online', capacity: Math.min(MAX_CAPACITY, Math.max(1, studentCount)), supervisor: null, blocks: [...blockIds] }],
    rooms: [],
    constraints: { apart: [], together: [], adultLedPerDay: 1 },
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Every problem of a setup against the team's roster: its members (who may be
 * adults of the day, with their roster role) and its students (who may be in
 * the rules). Empty when the setup can be stored.
 */
export function checkSetup(setup: DaySetup, members: readonly TeamMemberRef[], students: ReadonlySet<string>): SetupProblem[] {
  const problems: SetupProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const blockIds = new Set<string>();
  setup.blocks.forEach((block, i) => {
    if (blockIds.has(block.id)) add(`blocks[${i}].id`, `"${block.id}" is used by an earlier block`);
    blockIds.add(block.id);
    if (!TIME.test(block.start)) add(`blocks[${i}].start`, `"${block.start}" is not a time of day as HH:MM`);
    if (!TIME.test(block.end)) add(`blocks[${i}].end`, `"${block.end}" is not a time of day as HH:MM`);
    else if (TIME.test(block.start) && block.end <= block.start) add(`blocks[${i}].end`, `"${block.end}" is not after start "${block.start}"`);
  });
  if (setup.blocks.length === 0) add('blocks', 'the day needs at least one block');

  const checkBlocks = (list: string[], path: string) =>
    list.forEach((id, j) => {
      if (!blockIds.has(id)) add(`${path}[${j}]`, `"${id}": unknown block`);
    });
  const placeIds = new Set<string>();
  const memberById = new Map(members.map((member) => [member.id, member]));
  setup.adults.forEach((adult, i) => {
    const path = `adults[${i}]`;
    if (placeIds.has(adult.id)) add(`${path}.id`, `"${adult.id}" is listed twice`);
    placeIds.add(adult.id);
    const member = memberById.get(adult.id);
    if (!member) add(`${path}.id`, `"${adult.id}" is not a member of the team`);
    else if (!isGroupRole(member.role)) add(`${path}.id`, `"${adult.id}" is the team's ${member.role}, who does not lead groups`);
    else if (member.role !== adult.role) add(`${path}.role`, `"${adult.role}": the roster says ${member.role}`);
    checkCapacity(adult.capacity, `${path}.capacity`, add);
    checkBlocks(adult.blocks, `${path}.blocks`);
  });
  const adultIds = new Set(setup.adults.map((adult) => adult.id));
  setup.stations.forEach((station, i) => {
    const path = `stations[${i}]`;
    if (placeIds.has(station.id)) add(`${path}.id`, `"${station.id}" is already the id of an adult or station`);
    placeIds.add(station.id);
    if (!(STATION_KINDS as readonly string[]).includes(station.kind)) add(`${path}.kind`, `"${station.kind}": expected one of ${STATION_KINDS.join(', ')}`);
    checkCapacity(station.capacity, `${path}.capacity`, add);
    if (station.supervisor !== null && !adultIds.has(station.supervisor)) add(`${path}.supervisor`, `"${station.supervisor}" is not one of the day's adults`);
    checkBlocks(station.blocks, `${path}.blocks`);
  });
  setup.rooms.forEach((room, i) => checkCapacity(room.capacity, `rooms[${i}].capacity`, add));
  for (const rule of ['apart', 'together'] as const) {
    setup.constraints[rule].forEach((pair, i) => {
      pair.forEach((student, j) => {
        if (!students.has(student)) add(`constraints.${rule}[${i}][${j}]`, `"${student}" is not a student of the team`);
      });
      if (pair[0] === pair[1]) add(`constraints.${rule}[${i}]`, `names "${pair[0]}" twice`);
    });
  }
  const led = setup.constraints.adultLedPerDay;
  if (!Number.isInteger(led) || led < 0 || led > setup.blocks.length) {
    add('constraints.adultLedPerDay', `${led}: expected a whole number from 0 to ${setup.blocks.length} (the number of blocks)`);
  }
  return problems;
}

function checkCapacity(value: number, path: string, add: (path: string, message: string) => void): void {
  if (!Number.isInteger(value) || value < 1 || value > MAX_CAPACITY) add(path, `${value}: expected a whole number from 1 to ${MAX_CAPACITY}`);
}

/** The setup with the adults' names from the roster (a stored setup keeps no names: people rename). */
export function withMemberNames(setup: DaySetup, members: readonly TeamMemberRef[]): DaySetup {
  const names = new Map(members.map((member) => [member.id, member.name]));
  return { ...setup, adults: setup.adults.map((adult) => ({ ...adult, name: names.get(adult.id) ?? adult.id })) };
}
