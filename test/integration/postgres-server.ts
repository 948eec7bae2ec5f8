/**
 * Vitest global setup: starts a throwaway PostgreSQL server on a free loopback
 * port for the server-engine half of the integration suite, and stops it after.
 * PostgreSQL refuses to run as root, so as root the server runs as `postgres`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

function findBinDir(): string {
  const candidates = ['/usr/lib/postgresql']
    .filter(existsSync)
    .flatMap((root) => readdirSync(root).sort().reverse().map((v) => path.join(root, v, 'bin')));
  const found = candidates.find((dir) => existsSync(path.join(dir, 'pg_ctl')));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0) return path.dirname(which.stdout.trim());
  throw new Error('PostgreSQL server binaries not found: run scripts/ensure-test-tools.sh (installs Debian postgresql)');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export default async function setup(project: TestProject) {
  if (process.env.TRELLIS_TEST_ENGINES && !process.env.TRELLIS_TEST_ENGINES.includes('postgres')) return;
  const bin = findBinDir();
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
    execFileSync(file, fullArgs, { stdio: 'pipe' });
  };

  const dir = mkdtempSync(path.join(os.tmpdir(), 'trellis-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = path.join(dir, 'data');
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  run('pg_ctl', ['-D', dataDir, '-w', '-l', path.join(dir, 'log'), '-o', `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off`, 'start']);
  project.provide('postgresUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);

  return () => {
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
