/**
 * Collects the parameters of a query as its text is composed, so that predicates
 * built in different places can share one numbered parameter list. Values are
 * always passed as parameters, never spliced into the text.
 */
export class Params {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder (`$1`, `$2`, ...). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `%text%` for ILIKE, with the pattern characters of `text` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
