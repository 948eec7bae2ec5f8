/**
 * Students who must stay together in every block move as one unit. Units are
 * the connected groups of `together` pairs (a student in no pair is a unit of
 * one), each listed by its members in instance order so every later choice that
 * walks units is deterministic.
 */
export function togetherUnits(studentCount: number, pairs: ReadonlyArray<readonly [number, number]>): number[][] {
  const parent = Array.from({ length: studentCount }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const [a, b] of pairs) {
    const ra = root(a);
    const rb = root(b);
    // The smaller index becomes the root so a unit is named by its first member.
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < studentCount; i++) {
    const r = root(i);
    const members = byRoot.get(r);
    if (members) members.push(i);
    else byRoot.set(r, [i]);
  }
  return [...byRoot.values()];
}
