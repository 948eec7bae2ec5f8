/**
 * Links that must not loop: prerequisites (a skill cannot need itself, however
 * indirectly) and the parent tree. Importers add links one at a time and refuse
 * the one that would close a loop, naming the loop. Pure.
 */
export class AcyclicLinks {
  private readonly next = new Map<string, Set<string>>();

  /**
   * Adds `from → to` unless it would close a loop; then returns the loop as
   * `[from, to, ..., from]` and adds nothing.
   */
  add(from: string, to: string): string[] | null {
    const path = this.path(to, from);
    if (path) return [from, ...path];
    let targets = this.next.get(from);
    if (!targets) this.next.set(from, (targets = new Set()));
    targets.add(to);
    return null;
  }

  /** A path of links from `start` to `goal` (both included), or null. */
  private path(start: string, goal: string): string[] | null {
    if (start === goal) return [start];
    const cameFrom = new Map<string, string>([[start, start]]);
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const target of this.next.get(node) ?? []) {
        if (cameFrom.has(target)) continue;
        cameFrom.set(target, node);
        if (target === goal) {
          const path = [goal];
          for (let at = goal; at !== start; ) path.unshift((at = cameFrom.get(at)!));
          return path;
        }
        queue.push(target);
      }
    }
    return null;
  }
}
