/** `trellis integration create|list|revoke` as an operator runs them, against an embedded database. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { authenticateIntegration } from '../../src/db/integrations.ts';
import { migrate } from '../../src/db/migrate.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const data = mkdtempSync(path.join(tmpdir(), 'trellis-integration-cli-'));

function trellis(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, TRELLIS_DATA: data };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ['bin/trellis.mjs', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function withData<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: data });
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.close();
  }
}

describe('trellis integration (CLI)', () => {
  beforeAll(async () => {
    await withData((db) => db.query(`insert into districts (sourced_id, name) values ('dist-cli', 'Cedar Unified')`));
  });
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('creates a credential, prints key and secret once as JSON, and keeps only a hash', async () => {
    const run = trellis('integration', 'create', '--name', 'ReadWell', '--json');
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as { key: string; secret: string };
    expect(Object.keys(printed).sort()).toEqual(['key', 'secret']);
    expect(printed.key).toMatch(/^trellis-[\da-f]{24}$/);
    expect(Buffer.from(printed.secret, 'base64url')).toHaveLength(32);

    const { rows, authenticated } = await withData(async (db) => ({
      rows: (await db.query<Record<string, unknown>>('select name, secret_hash, created_by from integrations where key = $1', [printed.key])).rows,
      authenticated: await authenticateIntegration(db, printed.key, printed.secret),
    }));
    expect(rows).toEqual([{ name: 'ReadWell', secret_hash: createHash('sha256').update(printed.secret).digest('hex'), created_by: 'cli' }]);
    expect(authenticated?.name).toBe('ReadWell');

    const list = trellis('integration', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${printed.key}\\s+ReadWell\\s+Cedar Unified\\s+\\d{4}-\\d{2}-\\d{2}\\s+last used \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`, 'm'));
    expect(list.stdout).not.toContain(printed.secret);

    const revoke = trellis('integration', 'revoke', printed.key);
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toContain('Revoked the integration "ReadWell"');
    const listed = JSON.parse(trellis('integration', 'list', '--json').stdout) as { key: string; revokedAt: string | null }[];
    expect(listed.find((i) => i.key === printed.key)?.revokedAt).toMatch(/^\d{4}-/);
    expect(await withData((db) => authenticateIntegration(db, printed.key, printed.secret))).toBeNull();
  });

  it('exits 1 with a plain message for an unknown key or an unknown district', () => {
    const unknown = trellis('integration', 'revoke', 'trellis-nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('trellis: there is no integration with the key "trellis-nope" (see `trellis integration list`)\n');
    const district = trellis('integration', 'create', '--name', 'X', '--district', 'd-none');
    expect(district.code).toBe(1);
    expect(district.stderr).toContain('there is no district "d-none"');
  });
});
