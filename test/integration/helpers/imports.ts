/** Helpers for the import tests: fixture copies and a fingerprint of the whole roster. */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Sql } from '../../../src/db/database.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/oneroster');

/** A writable copy of a fixture folder. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `trellis-${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** The fixture's files zipped, optionally inside a subfolder as SIS exports often are. */
export function zipFolder(folder: string, prefix = ''): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const name of readdirSync(folder)) entries[`${prefix}${name}`] = new Uint8Array(readFileSync(path.join(folder, name)));
  return zipSync(entries);
}

const TABLES = [
  'districts',
  'orgs',
  'academic_sessions',
  'courses',
  'classes',
  'users',
  'user_orgs',
  'enrollments',
  'demographics',
  'student_attributes',
  'teams',
  'team_members',
  'team_classes',
  'team_students',
];

/** One hash per roster table over every column of every row: equal fingerprints, equal data. */
export async function fingerprint(sql: Sql): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await sql.query<{ n: number; h: string }>(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${table} t`,
    );
    out[table] = `${rows[0]!.n}:${rows[0]!.h}`;
  }
  return out;
}

export async function clearRoster(sql: Sql): Promise<void> {
  await sql.query('delete from import_runs');
  await sql.query('delete from districts');
}
