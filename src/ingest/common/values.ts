/** Pure checks and conversions of single CSV cells. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** An ISO 8601 date-time (`2024-08-01T12:00:00Z`, with offset or fraction) or a plain date. */
export function isDateTime(value: string): boolean {
  const m = DATETIME.exec(value);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [hour, minute, second] = [m[4], m[5], m[6]].map((part) => Number(part ?? 0));
  return hour! <= 23 && minute! <= 59 && second! <= 60;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth && year >= 1000;
}

/** OneRoster booleans: `true` / `false`, any case. */
export function parseOneRosterBoolean(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}

const TRUTHY = new Set(['true', 'yes', 'y', '1']);
const FALSY = new Set(['false', 'no', 'n', '0']);

/** The looser booleans of Trellis's own CSVs: true/false, yes/no, Y/N, 1/0, any case. */
export function parseFlag(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  if (TRUTHY.has(lower)) return true;
  if (FALSY.has(lower)) return false;
  return undefined;
}

/** A OneRoster list cell (`"09,10"`): items trimmed, empty items dropped. */
export function parseList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Extensible OneRoster enumerations accept `ext:` plus a name. */
export function isExtensionValue(value: string): boolean {
  return /^ext:[\w.-]+$/.test(value);
}

/** Columns a district may add to any file; kept in `extensions`. */
export function isExtensionColumn(name: string): boolean {
  return /^ext_/i.test(name) || /^metadata\./i.test(name);
}
