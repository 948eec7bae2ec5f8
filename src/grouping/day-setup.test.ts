import { describe, expect, it } from 'vitest';
import { checkSetup, defaultSetup, withMemberNames, type TeamMemberRef } from './day-setup.ts';

const MEMBERS: TeamMemberRef[] = [
  { id: 'lee', name: 'Ms Lee', role: 'teacher_leader' },
  { id: 'diaz', name: 'Mr Diaz', role: 'tutor' },
  { id: 'ray', name: 'Ray', role: 'resident' },
  { id: 'cole', name: 'Coach Cole', role: 'coach' },
];
const STUDENTS = new Set(['ana', 'ben', 'cy']);

describe('defaultSetup', () => {
  it('puts every group-leading member in every block with the capacity of their role, and everyone online', () => {
    const setup = defaultSetup(MEMBERS, 23);
    expect(setup.blocks.map((block) => [block.id, block.start, block.end])).toEqual([
      ['B1', '08:30', '09:15'],
      ['B2', '09:20', '10:05'],
      ['B3', '10:10', '10:55'],
      ['B4', '11:00', '11:45'],
    ]);
    expect(setup.adults.map((adult) => [adult.id, adult.capacity, adult.blocks.length])).toEqual([
      ['lee', 12, 4],
      ['diaz', 4, 4],
      ['ray', 8, 4],
    ]);
    expect(setup.stations).toEqual([{ id: 'online', name: 'Online practice', kind: 'online', capacity: 23, supervisor: null, blocks: ['B1', 'B2', 'B3', 'B4'] }]);
    expect(checkSetup(setup, MEMBERS, STUDENTS)).toEqual([]);
  });
});

describe('checkSetup', () => {
  it('names the field and the value of every problem', () => {
    const setup = defaultSetup(MEMBERS, 3);
    setup.blocks[1]!.start = '9:20';
    setup.blocks[2]!.end = '10:00';
    setup.adults.push({ id: 'cole', role: 'teacher', capacity: 12, blocks: ['B1'], supports: [] });
    setup.adults[1]!.role = 'teacher';
    setup.stations.push({ id: 'lee', name: 'Table', kind: 'collaborative', capacity: 500, supervisor: 'nobody', blocks: ['B7'] });
    setup.constraints.together = [['ana', 'ana']];
    setup.constraints.apart = [['ana', 'zed']];
    expect(checkSetup(setup, MEMBERS, STUDENTS)).toEqual([
      { path: 'blocks[1].start', message: '"9:20" is not a time of day as HH:MM' },
      { path: 'blocks[2].end', message: '"10:00" is not after start "10:10"' },
      { path: 'adults[1].role', message: '"teacher": the roster says tutor' },
      { path: 'adults[3].id', message: '"cole" is the team\'s coach, who does not lead groups' },
      { path: 'stations[1].id', message: '"lee" is already the id of an adult or station' },
      { path: 'stations[1].capacity', message: '500: expected a whole number from 1 to 200' },
      { path: 'stations[1].supervisor', message: '"nobody" is not one of the day\'s adults' },
      { path: 'stations[1].blocks[0]', message: '"B7": unknown block' },
      { path: 'constraints.apart[0][1]', message: '"zed" is not a student of the team' },
      { path: 'constraints.together[0]', message: 'names "ana" twice' },
    ]);
  });
});

describe('withMemberNames', () => {
  it('takes the names from the roster', () => {
    const setup = defaultSetup(MEMBERS, 3);
    setup.adults = setup.adults.map(({ name: _name, ...adult }) => adult);
    expect(withMemberNames(setup, MEMBERS).adults.map((adult) => adult.name)).toEqual(['Ms Lee', 'Mr Diaz', 'Ray']);
  });
});
