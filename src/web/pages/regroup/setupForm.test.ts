import { describe, expect, it } from 'vitest';
import { serverFieldError, validateSetup } from './setupForm.ts';
import type { DaySetup } from './types.ts';

const setup = (): DaySetup => ({
  blocks: [
    { id: 'B1', name: 'Block 1', start: '08:30', end: '09:15' },
    { id: 'B2', name: 'Block 2', start: '09:20', end: '10:05' },
  ],
  adults: [{ id: 't-lee', role: 'teacher_leader', capacity: 12, blocks: ['B1', 'B2'], supports: ['english_learner'] }],
  stations: [{ id: 'online', name: 'Online practice', kind: 'online', capacity: 30, supervisor: null, blocks: ['B1'] }],
  rooms: [],
  constraints: { apart: [['s1', 's2']], together: [], adultLedPerDay: 1 },
});

describe('the day setup form checks', () => {
  it('accepts a sound setup', () => {
    expect(validateSetup(setup())).toEqual({});
  });

  it('names the field of each problem', () => {
    const bad = setup();
    bad.blocks[1] = { id: 'B1', name: 'Block 2', start: '09:20', end: '09:00' };
    bad.adults[0]!.capacity = 0;
    bad.stations[0]!.id = 't-lee';
    bad.constraints.apart = [['s1', 's1']];
    bad.constraints.adultLedPerDay = 3;
    expect(validateSetup(bad)).toEqual({
      'blocks[1].id': 'Another block is already B1.',
      'blocks[1].end': 'Ends at 09:00, not after its start 09:20.',
      'adults[0].capacity': 'Use a whole number from 1 to 200.',
      'stations[0].id': 't-lee is already an adult or another station.',
      'constraints.apart[0]': 'Choose two different students.',
      'constraints.adultLedPerDay': 'Use a whole number from 0 to 2 (the number of blocks).',
    });
  });

  it('reads the field path out of a server message', () => {
    expect(serverFieldError('blocks[1].end: "09:00" is not after start "09:20"')).toEqual({ path: 'blocks[1].end', message: '"09:00" is not after start "09:20"' });
    expect(serverFieldError('constraints.apart[0][1]: "zed" is not a student of the team')?.path).toBe('constraints.apart[0][1]');
    expect(serverFieldError('Something else went wrong')).toBeNull();
  });
});
