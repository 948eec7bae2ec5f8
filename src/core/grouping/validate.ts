/**
 * Reads a regrouping instance from parsed JSON: checks every field, fills in the
 * defaults and stops at the first problem with its JSON path and value, so the
 * person who wrote the file can find it. References into history (`previous`,
 * `week`) to people or blocks not in today's instance are ignored: they may
 * simply be absent today. References in today's rules (constraints, pinned)
 * must all resolve.
 */
import { RegroupInputError } from './errors.ts';
import {
  DEFAULT_CAPACITY,
  DEFAULT_MASTERED,
  DEFAULT_WEIGHTS,
  ROLES,
  STATION_KINDS,
  type Adult,
  type Block,
  type Constraints,
  type Group,
  type Instance,
  type Pin,
  type Role,
  type Skill,
  type Station,
  type StationKind,
  type Student,
  type Weights,
} from './types.ts';

type Json = unknown;
type Path = string;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function field(path: Path, name: string): Path {
  return IDENTIFIER.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

function key(path: Path, name: string): Path {
  return `${path}[${JSON.stringify(name)}]`;
}

function show(value: Json): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

class Reader {
  constructor(private readonly source: string) {}

  fail(path: Path, message: string): never {
    throw new RegroupInputError(`${this.source}: ${path.replace(/^\./, '')}: ${message}`);
  }

  object(value: Json, path: Path): Record<string, Json> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path || '(top level)', `expected an object, got ${show(value)}`);
    return value as Record<string, Json>;
  }

  array(value: Json, path: Path): Json[] {
    if (!Array.isArray(value)) this.fail(path, `expected a list, got ${show(value)}`);
    return value;
  }

  id(value: Json, path: Path): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, `expected a non-empty text id, got ${show(value)}`);
    return value;
  }

  optionalText(value: Json, path: Path): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') this.fail(path, `expected text, got ${show(value)}`);
    return value;
  }

  number(value: Json, path: Path, test: (n: number) => boolean, expectation: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || !test(value)) this.fail(path, `${show(value)}: expected ${expectation}`);
    return value;
  }

  ids(value: Json, path: Path): string[] {
    return this.array(value, path).map((item, i) => this.id(item, `${path}[${i}]`));
  }

  /** Only the listed fields, so a misspelt field is an error rather than silently ignored. */
  fields(object: Record<string, Json>, path: Path, allowed: readonly string[]): void {
    for (const name of Object.keys(object)) {
      if (!allowed.includes(name)) this.fail(field(path, name), `unknown field; the fields are ${allowed.join(', ')}`);
    }
  }

  unique(ids: string[], path: Path, what: string): Set<string> {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) this.fail(`${path}[${i}].id`, `${show(id)}: another ${what} has this id`);
      seen.add(id);
    });
    return seen;
  }

  known(value: string, path: Path, known: ReadonlySet<string>, what: string): string {
    if (!known.has(value)) this.fail(path, `${show(value)}: unknown ${what}`);
    return value;
  }

  /** A key of a map, e.g. a skill in `mastery`: the path already shows it. */
  knownKey(value: string, path: Path, known: ReadonlySet<string>, what: string): void {
    if (!known.has(value)) this.fail(path, `unknown ${what}`);
  }
}

const INSTANCE_FIELDS = ['blocks', 'skills', 'adults', 'stations', 'students', 'constraints', 'previous', 'week', 'pinned', 'mastered', 'weights'];

export function parseInstance(data: Json, source = 'instance'): Instance {
  const read = new Reader(source);
  const root = read.object(data, '');
  read.fields(root, '', INSTANCE_FIELDS);

  const blocks = readBlocks(read, root.blocks);
  const blockIds = read.unique(
    blocks.map((block) => block.id),
    'blocks',
    'block',
  );
  const skills = readSkills(read, root.skills);
  const skillIds = new Set(skills.map((skill) => skill.id));
  const adults = read.array(root.adults ?? [], 'adults').map((item, i) => readAdult(read, item, `adults[${i}]`, blocks, blockIds));
  const adultIds = read.unique(
    adults.map((adult) => adult.id),
    'adults',
    'adult',
  );
  const stations = read.array(root.stations ?? [], 'stations').map((item, i) => readStation(read, item, `stations[${i}]`, blocks, blockIds, adultIds));
  read.unique(
    stations.map((station) => station.id),
    'stations',
    'station',
  );
  stations.forEach((station, i) => {
    if (adultIds.has(station.id)) read.fail(`stations[${i}].id`, `${show(station.id)}: an adult has this id; a place id must name one adult or one station`);
  });
  const students = read.array(root.students ?? [], 'students').map((item, i) => readStudent(read, item, `students[${i}]`, skillIds));
  const studentIds = read.unique(
    students.map((student) => student.id),
    'students',
    'student',
  );
  const constraints = readConstraints(read, root.constraints, studentIds);
  const mastered = root.mastered === undefined ? DEFAULT_MASTERED : read.number(root.mastered, 'mastered', (n) => n > 0 && n <= 1, 'a probability above 0 and at most 1');
  const stationIds = new Set(stations.map((station) => station.id));
  const places = { blockIds, adultIds, stationIds, studentIds, skillIds };
  return {
    blocks,
    skills,
    adults,
    stations,
    students,
    constraints,
    previous: readPrevious(read, root.previous, places),
    week: readWeek(read, root.week),
    pinned: read.array(root.pinned ?? [], 'pinned').map((item, i) => readPin(read, item, `pinned[${i}]`, places)),
    mastered,
    weights: readWeights(read, root.weights),
  };
}

function readBlocks(read: Reader, value: Json): Block[] {
  const list = read.array(value, 'blocks');
  if (list.length === 0) read.fail('blocks', 'give at least one block');
  return list.map((item, i) => {
    const path = `blocks[${i}]`;
    if (typeof item === 'string') return { id: read.id(item, path) };
    const object = read.object(item, path);
    read.fields(object, path, ['id', 'name']);
    const name = read.optionalText(object.name, `${path}.name`);
    return { id: read.id(object.id, `${path}.id`), ...(name !== undefined && { name }) };
  });
}

function readSkills(read: Reader, value: Json): Skill[] {
  const list = read.array(value, 'skills');
  if (list.length === 0) read.fail('skills', 'give at least one skill');
  const earlier = new Set<string>();
  const all = new Set<string>();
  const skills = list.map((item, i) => {
    const path = `skills[${i}]`;
    const object = read.object(item, path);
    read.fields(object, path, ['id', 'name', 'prerequisites']);
    const id = read.id(object.id, `${path}.id`);
    if (all.has(id)) read.fail(`${path}.id`, `${show(id)}: another skill has this id`);
    all.add(id);
    const name = read.optionalText(object.name, `${path}.name`);
    return { id, ...(name !== undefined && { name }), prerequisites: read.ids(object.prerequisites ?? [], `${path}.prerequisites`) };
  });
  skills.forEach((skill, i) => {
    skill.prerequisites.forEach((prerequisite, j) => {
      const path = `skills[${i}].prerequisites[${j}]`;
      read.known(prerequisite, path, all, 'skill');
      // The list is the teaching sequence: a prerequisite that comes later would make the order contradict itself.
      if (!earlier.has(prerequisite)) read.fail(path, `${show(prerequisite)} comes after ${show(skill.id)} in the sequence; list prerequisites first`);
    });
    earlier.add(skill.id);
  });
  return skills;
}

function readBlockList(read: Reader, value: Json, path: Path, blocks: Block[], blockIds: ReadonlySet<string>): string[] {
  if (value === undefined) return blocks.map((block) => block.id);
  return read.ids(value, path).map((id, i) => read.known(id, `${path}[${i}]`, blockIds, 'block'));
}

function readAdult(read: Reader, value: Json, path: Path, blocks: Block[], blockIds: ReadonlySet<string>): Adult {
  const object = read.object(value, path);
  read.fields(object, path, ['id', 'name', 'role', 'capacity', 'blocks', 'supports']);
  const id = read.id(object.id, `${path}.id`);
  if (typeof object.role !== 'string' || !(ROLES as readonly string[]).includes(object.role)) {
    read.fail(`${path}.role`, `${show(object.role)}: expected one of ${ROLES.join(', ')}`);
  }
  const role = object.role as Role;
  const capacity =
    object.capacity === undefined ? DEFAULT_CAPACITY[role] : read.number(object.capacity, `${path}.capacity`, (n) => Number.isInteger(n) && n >= 1, 'a whole number of students, at least 1');
  const name = read.optionalText(object.name, `${path}.name`);
  return {
    id,
    ...(name !== undefined && { name }),
    role,
    capacity,
    blocks: readBlockList(read, object.blocks, `${path}.blocks`, blocks, blockIds),
    supports: read.ids(object.supports ?? [], `${path}.supports`),
  };
}

function readStation(read: Reader, value: Json, path: Path, blocks: Block[], blockIds: ReadonlySet<string>, adultIds: ReadonlySet<string>): Station {
  const object = read.object(value, path);
  read.fields(object, path, ['id', 'name', 'kind', 'capacity', 'supervisor', 'blocks']);
  const id = read.id(object.id, `${path}.id`);
  if (typeof object.kind !== 'string' || !(STATION_KINDS as readonly string[]).includes(object.kind)) {
    read.fail(`${path}.kind`, `${show(object.kind)}: expected one of ${STATION_KINDS.join(', ')}`);
  }
  const capacity = read.number(object.capacity, `${path}.capacity`, (n) => Number.isInteger(n) && n >= 0, 'a whole number of students');
  const name = read.optionalText(object.name, `${path}.name`);
  const supervisor = object.supervisor === undefined ? undefined : read.known(read.id(object.supervisor, `${path}.supervisor`), `${path}.supervisor`, adultIds, 'adult');
  return {
    id,
    ...(name !== undefined && { name }),
    kind: object.kind as StationKind,
    capacity,
    ...(supervisor !== undefined && { supervisor }),
    blocks: readBlockList(read, object.blocks, `${path}.blocks`, blocks, blockIds),
  };
}

function readStudent(read: Reader, value: Json, path: Path, skillIds: ReadonlySet<string>): Student {
  const object = read.object(value, path);
  read.fields(object, path, ['id', 'name', 'mastery', 'needs', 'flags', 'attempts']);
  const id = read.id(object.id, `${path}.id`);
  const mastery: Record<string, number> = {};
  const masteryObject = read.object(object.mastery ?? {}, `${path}.mastery`);
  for (const [skill, p] of Object.entries(masteryObject)) {
    read.knownKey(skill, key(`${path}.mastery`, skill), skillIds, 'skill');
    mastery[skill] = read.number(p, key(`${path}.mastery`, skill), (n) => n >= 0 && n <= 1, 'a probability from 0 to 1');
  }
  const attempts: Record<string, number> = {};
  const attemptsObject = read.object(object.attempts ?? {}, `${path}.attempts`);
  for (const [skill, count] of Object.entries(attemptsObject)) {
    read.knownKey(skill, key(`${path}.attempts`, skill), skillIds, 'skill');
    attempts[skill] = read.number(count, key(`${path}.attempts`, skill), (n) => Number.isInteger(n) && n >= 0, 'a whole number of attempts');
  }
  const name = read.optionalText(object.name, `${path}.name`);
  return {
    id,
    ...(name !== undefined && { name }),
    mastery,
    needs: [...new Set(read.ids(object.needs ?? [], `${path}.needs`))],
    flags: [...new Set(read.ids(object.flags ?? [], `${path}.flags`))],
    attempts,
  };
}

function readPairs(read: Reader, value: Json, path: Path, studentIds: ReadonlySet<string>): Array<[string, string]> {
  return read.array(value ?? [], path).map((item, i) => {
    const pair = read.ids(item, `${path}[${i}]`);
    if (pair.length !== 2) read.fail(`${path}[${i}]`, `${show(item)}: expected a pair of student ids`);
    pair.forEach((id, j) => read.known(id, `${path}[${i}][${j}]`, studentIds, 'student'));
    if (pair[0] === pair[1]) read.fail(`${path}[${i}]`, `${show(item)}: a pair needs two different students`);
    return [pair[0]!, pair[1]!];
  });
}

function readConstraints(read: Reader, value: Json, studentIds: ReadonlySet<string>): Constraints {
  const object = read.object(value ?? {}, 'constraints');
  read.fields(object, 'constraints', ['apart', 'together', 'adultLedPerDay']);
  return {
    apart: readPairs(read, object.apart, 'constraints.apart', studentIds),
    together: readPairs(read, object.together, 'constraints.together', studentIds),
    adultLedPerDay:
      object.adultLedPerDay === undefined ? 1 : read.number(object.adultLedPerDay, 'constraints.adultLedPerDay', (n) => Number.isInteger(n) && n >= 0, 'a whole number of blocks'),
  };
}

interface Known {
  blockIds: ReadonlySet<string>;
  adultIds: ReadonlySet<string>;
  stationIds: ReadonlySet<string>;
  studentIds: ReadonlySet<string>;
  skillIds: ReadonlySet<string>;
}

/** Yesterday's plan, in the output format: either the whole output (with `groups`) or the list of groups. */
function readPrevious(read: Reader, value: Json, known: Known): Group[] {
  if (value === undefined) return [];
  const path = Array.isArray(value) ? 'previous' : 'previous.groups';
  const list = Array.isArray(value) ? value : read.array(read.object(value, 'previous').groups, path);
  const groups: Group[] = [];
  list.forEach((item, i) => {
    const at = `${path}[${i}]`;
    const object = read.object(item, at);
    const block = read.id(object.block, `${at}.block`);
    const adult = object.adult === undefined ? undefined : read.id(object.adult, `${at}.adult`);
    const station = object.station === undefined ? undefined : read.id(object.station, `${at}.station`);
    if ((adult === undefined) === (station === undefined)) read.fail(at, 'give exactly one of "adult" and "station"');
    const focusSkill = object.focusSkill === undefined || object.focusSkill === null ? null : read.id(object.focusSkill, `${at}.focusSkill`);
    const students = read.ids(object.students ?? [], `${at}.students`);
    if (!known.blockIds.has(block)) return;
    if (adult !== undefined && !known.adultIds.has(adult)) return;
    if (station !== undefined && !known.stationIds.has(station)) return;
    groups.push({
      block,
      ...(adult !== undefined && { adult }),
      ...(station !== undefined && { station }),
      focusSkill: focusSkill !== null && known.skillIds.has(focusSkill) ? focusSkill : null,
      students: students.filter((id) => known.studentIds.has(id)),
    });
  });
  return groups;
}

function readWeek(read: Reader, value: Json): Record<string, string[]> | null {
  if (value === undefined || value === null) return null;
  const object = read.object(value, 'week');
  const week: Record<string, string[]> = {};
  for (const [student, adults] of Object.entries(object)) week[student] = [...new Set(read.ids(adults, key('week', student)))];
  return week;
}

function readPin(read: Reader, value: Json, path: Path, known: Known): Pin {
  const object = read.object(value, path);
  read.fields(object, path, ['block', 'student', 'adult', 'station', 'focusSkill']);
  const block = read.known(read.id(object.block, `${path}.block`), `${path}.block`, known.blockIds, 'block');
  const student = read.known(read.id(object.student, `${path}.student`), `${path}.student`, known.studentIds, 'student');
  if ((object.adult === undefined) === (object.station === undefined)) read.fail(path, 'give exactly one of "adult" and "station"');
  if (object.adult !== undefined) {
    const adult = read.known(read.id(object.adult, `${path}.adult`), `${path}.adult`, known.adultIds, 'adult');
    const focusSkill = object.focusSkill === undefined ? undefined : read.known(read.id(object.focusSkill, `${path}.focusSkill`), `${path}.focusSkill`, known.skillIds, 'skill');
    return { block, student, adult, ...(focusSkill !== undefined && { focusSkill }) };
  }
  if (object.focusSkill !== undefined) read.fail(`${path}.focusSkill`, 'a station has no focus skill; pin to an adult to choose one');
  return { block, student, station: read.known(read.id(object.station, `${path}.station`), `${path}.station`, known.stationIds, 'station') };
}

function readWeights(read: Reader, value: Json): Weights {
  const weights = { ...DEFAULT_WEIGHTS };
  if (value === undefined) return weights;
  const object = read.object(value, 'weights');
  const names = Object.keys(DEFAULT_WEIGHTS) as Array<keyof Weights>;
  read.fields(object, 'weights', names);
  for (const name of names) {
    if (object[name] !== undefined) weights[name] = read.number(object[name], field('weights', name), (n) => n >= 0, 'a number of at least 0');
  }
  return weights;
}
