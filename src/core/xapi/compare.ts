/**
 * Whether two statements with the same id say the same thing (xAPI 1.0.3 Data
 * 2.3.1, statement comparison): differences the LRS may have made (stored,
 * authority, version, a timestamp it filled in), the order of properties and of
 * Group members, the case of UUIDs and the serialisation of timestamps do not
 * count. Pure.
 */
import { parseTimestamp } from './formats.ts';
import { withListedContextActivities } from './prepare.ts';
import type { Json, JsonObject } from './types.ts';

export function sameStatement(received: JsonObject, stored: JsonObject): boolean {
  const a = comparable(received, received.timestamp === undefined);
  const b = comparable(stored, received.timestamp === undefined);
  return deepEqual(a, b);
}

function comparable(statement: JsonObject, ignoreTimestamp: boolean): Json {
  // canonical() builds new values, so a shallow copy is all the deletes need.
  const copy = withListedContextActivities({ ...statement });
  for (const key of ['stored', 'authority', 'version']) delete copy[key];
  if (ignoreTimestamp) delete copy.timestamp;
  if (typeof copy.object === 'object' && copy.object !== null && (copy.object as JsonObject).objectType === 'SubStatement') {
    copy.object = withListedContextActivities(copy.object as JsonObject);
  }
  return canonical(copy, '');
}

const UUID_KEYS = new Set(['id', 'registration']);
const TIME_KEYS = new Set(['timestamp']);

function canonical(value: Json, key: string): Json {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item, ''));
    // Group members are a set.
    return key === 'member' ? items.sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)) : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical(value[k]!, k);
    return out;
  }
  if (typeof value === 'string' && UUID_KEYS.has(key) && /^[\da-f-]{36}$/i.test(value)) return value.toLowerCase();
  if (typeof value === 'string' && TIME_KEYS.has(key)) return parseTimestamp(value) ?? value;
  return value;
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]!));
  const ak = Object.keys(a as JsonObject);
  const bk = Object.keys(b as JsonObject);
  return ak.length === bk.length && ak.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as JsonObject)[k]!, (b as JsonObject)[k]!));
}
