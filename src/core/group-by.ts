/**
 * Items grouped by a key, in one pass: groups in the order their first item
 * came, items in their input order. (Map.groupBy does the same from Node 21;
 * Trellis supports Node 20.)
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
