/**
 * Checks of the day setup form before it is sent, keyed by the same field paths the
 * server uses in its 400 messages (`blocks[1].end`), so both land beside the field.
 */
import type { DaySetup } from './types.ts';

export type FieldErrors = Record<string, string>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function validateSetup(setup: DaySetup): FieldErrors {
  const errors: FieldErrors = {};
  const ids = new Set<string>();
  setup.blocks.forEach((block, i) => {
    if (!block.id.trim()) errors[`blocks[${i}].id`] = 'Give the block an id, e.g. B1.';
    else if (ids.has(block.id)) errors[`blocks[${i}].id`] = `Another block is already ${block.id}.`;
    ids.add(block.id);
    if (!TIME.test(block.start)) errors[`blocks[${i}].start`] = 'Use a time of day, HH:MM.';
    if (!TIME.test(block.end)) errors[`blocks[${i}].end`] = 'Use a time of day, HH:MM.';
    else if (TIME.test(block.start) && block.end <= block.start) errors[`blocks[${i}].end`] = `Ends at ${block.end}, not after its start ${block.start}.`;
  });
  if (setup.blocks.length === 0) errors['blocks'] = 'The day needs at least one block.';
  const places = new Set<string>();
  setup.adults.forEach((adult, i) => {
    places.add(adult.id);
    capacity(errors, `adults[${i}].capacity`, adult.capacity);
    adult.supports.forEach((need) => {
      if (!/^[a-z][a-z0-9_]*$/.test(need)) errors[`adults[${i}].supports`] = `"${need}" is not a short identifier (lower case, digits, _).`;
    });
  });
  setup.stations.forEach((station, i) => {
    if (!station.id.trim()) errors[`stations[${i}].id`] = 'Give the station an id, e.g. online.';
    else if (places.has(station.id)) errors[`stations[${i}].id`] = `${station.id} is already an adult or another station.`;
    places.add(station.id);
    if (!station.name.trim()) errors[`stations[${i}].name`] = 'Give the station a name.';
    capacity(errors, `stations[${i}].capacity`, station.capacity);
  });
  setup.rooms.forEach((room, i) => {
    if (!room.name.trim()) errors[`rooms[${i}].name`] = 'Give the room a name.';
    capacity(errors, `rooms[${i}].capacity`, room.capacity);
  });
  for (const kind of ['apart', 'together'] as const) {
    setup.constraints[kind].forEach(([first, second], i) => {
      if (!first || !second) errors[`constraints.${kind}[${i}]`] = 'Choose two students.';
      else if (first === second) errors[`constraints.${kind}[${i}]`] = 'Choose two different students.';
    });
  }
  const led = setup.constraints.adultLedPerDay;
  if (!Number.isInteger(led) || led < 0 || led > setup.blocks.length) errors['constraints.adultLedPerDay'] = `Use a whole number from 0 to ${setup.blocks.length} (the number of blocks).`;
  return errors;
}

function capacity(errors: FieldErrors, path: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > 200) errors[path] = 'Use a whole number from 1 to 200.';
}

/** `blocks[1].end: "09:00" is not after start "09:20"` → the field's path and the message. */
export function serverFieldError(detail: string): { path: string; message: string } | null {
  const match = /^((?:blocks|adults|stations|rooms|constraints)(?:\[\d+\]|\.\w+)*(?:\[\d+\])?): (.+)$/.exec(detail);
  return match ? { path: match[1]!, message: match[2]! } : null;
}

/** The error of a field or of anything inside it (a server message may name `constraints.apart[0][1]`). */
export function errorWithin(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const inner = Object.keys(errors).find((key) => key.startsWith(`${path}[`) || key.startsWith(`${path}.`));
  return inner && errors[inner];
}
