/**
 * Large JSON parameters as bytes. `jsonBytes(value)` is the JSON text as UTF-8,
 * sent as a binary bytea parameter by both drivers; in SQL, `jsonbFromBytes('$4')`
 * turns it back into jsonb. The text is then encoded once, by Node's native
 * encoder. Sent as a string instead, PGlite measures its UTF-8 length with a
 * loop over every character, twice: for a batch of 500 statements (some 300 KB
 * of JSON) that cost more than planning and running the insert's SQL.
 */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** The SQL that reads a `jsonBytes` parameter (e.g. `'$4'`) as jsonb. */
export function jsonbFromBytes(param: string): string {
  return `convert_from(${param}::bytea, 'UTF8')::jsonb`;
}
