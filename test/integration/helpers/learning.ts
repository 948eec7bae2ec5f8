/** Helpers for the learning-data tests: the fixture paths, a fingerprint of the learning tables, quick reads. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Sql } from '../../../src/db/database.ts';

export const LEARNING = path.resolve(import.meta.dirname, '../../fixtures/learning');
export const CASE_FILE = path.join(LEARNING, 'grade6-ratios.case.json');

const TABLES = ['skill_frameworks', 'skills', 'skill_prerequisites', 'skill_courses', 'team_skill_sequences', 'activity_skills', 'evidence', 'unmapped_statements'];

/** One hash per learning table over every row: equal fingerprints, equal data. */
export async function learningFingerprint(sql: Sql): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await sql.query<{ n: number; h: string }>(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${table} t`,
    );
    out[table] = `${rows[0]!.n}:${rows[0]!.h}`;
  }
  return out;
}

/** A file with `text` in a fresh temporary folder; returns its path. */
export function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trellis-learning-')), name);
  writeFileSync(file, text);
  return file;
}

/** A folder holding the given files. */
export function tempFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'trellis-learning-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Prerequisite links as "skill code <- prerequisite code", sorted. */
export async function prerequisiteCodes(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ link: string }>(
    `select s.code || ' <- ' || p.code as link from skill_prerequisites x
     join skills s on s.district_id = x.district_id and s.id = x.skill_id
     join skills p on p.district_id = x.district_id and p.id = x.prerequisite_id
     order by 1`,
  );
  return rows.map((r) => r.link);
}

/** Evidence as readable tuples, in a stable order. */
export async function evidenceRows(sql: Sql): Promise<[string, string | null, string, boolean, number | null, string, string][]> {
  const { rows } = await sql.query<{ student: string; code: string | null; at: Date; correct: boolean; score: number | null; kind: string; ref: string }>(
    `select e.student_sourced_id as student, s.code, e.occurred_at as at, e.correct, e.score, e.source_kind as kind, e.source_ref as ref
     from evidence e join skills s on s.district_id = e.district_id and s.id = e.skill_id
     order by e.occurred_at, e.student_sourced_id, s.code`,
  );
  return rows.map((r) => [r.student, r.code, new Date(r.at).toISOString(), r.correct, r.score, r.kind, r.ref]);
}
