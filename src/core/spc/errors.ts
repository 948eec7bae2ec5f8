/**
 * Bad input to the measurement engine. The message is written for the person who
 * typed or uploaded the data: it names the place, the field and the value.
 */
export class SpcInputError extends Error {
  override name = 'SpcInputError';
}
