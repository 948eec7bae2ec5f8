import type { Sql } from './database.ts';

export interface ImportRun {
  id: string;
  kind: string;
  source: string;
  outcome: 'accepted' | 'rejected';
  counts: Record<string, { read: number; accepted: number; skipped: number; deleted: number }>;
  problemCount: number;
  startedAt: string;
  finishedAt: string;
}

/** A district's most recent imports, newest first; problems are counted, not listed. */
export async function listImportRuns(sql: Sql, districtId: string, limit = 50): Promise<ImportRun[]> {
  const { rows } = await sql.query<Omit<ImportRun, 'startedAt' | 'finishedAt'> & { startedAt: Date | string; finishedAt: Date | string }>(
    `select id, kind, source, outcome, counts, jsonb_array_length(problems)::int as "problemCount",
            started_at as "startedAt", finished_at as "finishedAt"
     from import_runs where district_id = $1
     order by finished_at desc, id
     limit $2`,
    [districtId, limit],
  );
  return rows.map((r) => ({ ...r, startedAt: new Date(r.startedAt).toISOString(), finishedAt: new Date(r.finishedAt).toISOString() }));
}
