/**
 * The value formats xAPI 1.0.3 builds on: IRIs, UUIDs, mailto addresses, ISO 8601
 * timestamps and durations, RFC 5646 language tags. Pure predicates and parsers.
 */

/** An absolute IRI: a scheme, a colon and no whitespace (RFC 3987, as far as a statement needs). */
export function isIri(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z][a-z\d+.-]*:[^\s<>"{}|\\^`]+$/i.test(value);
}

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/** A UUID in its standard string form (8-4-4-4-12 hex digits), any version. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** `mailto:` and an address: what an Agent's mbox holds. */
export function isMbox(value: unknown): value is string {
  return typeof value === 'string' && /^mailto:[^\s@:/]+@[^\s@]+\.[^\s@]+$/i.test(value);
}

export function isSha1Hex(value: unknown): value is string {
  return typeof value === 'string' && /^[\da-f]{40}$/i.test(value);
}

export function isSha2Hex(value: unknown): value is string {
  return typeof value === 'string' && /^[\da-f]{56}$|^[\da-f]{64}$|^[\da-f]{96}$|^[\da-f]{128}$/i.test(value);
}

// ISO 8601 date and time, extended (2015-03-01T12:30:05.123+02:00) or basic
// (20150301T123005.123Z) form; seconds and fraction optional.
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?:\d{2})?)?$/;

/**
 * Parses an ISO 8601 timestamp to milliseconds since the epoch, or null when it is
 * not one. A time without an offset is read as UTC; the offset "-00:00" (unknown
 * local offset, RFC 3339) is refused, as xAPI requires.
 */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = EXTENDED.exec(value) ?? BASIC.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 24 || minute > 59 || second > 60) return null;
  if (hour === 24 && (minute > 0 || second > 0 || Number(fraction ?? 0) > 0)) return null;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (offsetHours > 23 || offsetMins > 59) return null;
    if (zone.startsWith('-') && offsetHours === 0 && offsetMins === 0) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  return utc - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isTimestamp(value: unknown): value is string {
  return parseTimestamp(value) !== null;
}

// PnYnMnDTnHnMnS (the last number may have a fraction) or PnW alone (ISO 8601:2004 4.4.3.2).
const DURATION = /^P(?!$)(\d+(?:[.,]\d+)?Y)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?D)?(T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/;
const WEEKS = /^P\d+(?:[.,]\d+)?W$/;

export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && (WEEKS.test(value) || DURATION.test(value));
}

// RFC 5646: language[-extlang][-script][-region][-variant]*[-extension]*[-privateuse], or private use, or a grandfathered tag.
const LANGUAGE_TAG =
  /^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wy-z](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?|x(?:-[a-z\d]{1,8})+|i-[a-z]{2,8}|en-gb-oed|sgn-[a-z]{2}-[a-z]{2,3})$/i;

export function isLanguageTag(value: unknown): value is string {
  return typeof value === 'string' && LANGUAGE_TAG.test(value);
}

/** The xAPI versions this LRS accepts in the X-Experience-API-Version header and a statement's version. */
export function isSupportedVersion(value: unknown): value is string {
  return typeof value === 'string' && /^1\.0(\.\d+)?$/.test(value);
}
