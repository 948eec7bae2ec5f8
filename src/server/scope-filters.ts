import type { Scope } from '../core/access/roles.ts';
import type { Sql } from '../db/database.ts';
import { canSee, type ScopedRecord } from '../db/scope.ts';
import { Problem } from './problem.ts';

/**
 * Refuses (403) a list filter naming a school, team or class outside the caller's
 * scope, rather than quietly returning nothing. District-wide callers may filter by
 * anything in their district; an unknown id simply matches nothing.
 */
export async function assertFiltersInScope(
  sql: Sql,
  scope: Scope,
  filters: Partial<Record<Exclude<ScopedRecord, 'student'>, string | undefined>>,
): Promise<void> {
  if (scope.kind === 'district') return;
  for (const [record, id] of Object.entries(filters) as [ScopedRecord, string | undefined][]) {
    if (id !== undefined && !(await canSee(sql, scope, record, id))) {
      throw new Problem(403, `You cannot filter by ${record} "${id}": it is not in your scope.`);
    }
  }
}
