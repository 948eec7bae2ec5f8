/**
 * A regrouping instance that cannot be read. The message names the source, the
 * JSON path and the value, e.g. `day.json: students[12].mastery["6.RP.9"]: unknown skill`.
 */
export class RegroupInputError extends Error {
  override name = 'RegroupInputError';
}
