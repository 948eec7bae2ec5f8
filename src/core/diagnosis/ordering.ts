/**
 * Ordered lists (process steps, categories, five-whys answers): move one item to
 * a new index and number the list again from 0. Pure.
 */

/** The ids in their new order after moving `id` to `index` (clamped to the list). */
export function moveTo(ids: readonly string[], id: string, index: number): string[] {
  const from = ids.indexOf(id);
  if (from === -1) throw new RangeError(`${id} is not in the list`);
  const rest = ids.filter((other) => other !== id);
  const to = Math.max(0, Math.min(Math.trunc(index), rest.length));
  return [...rest.slice(0, to), id, ...rest.slice(to)];
}
