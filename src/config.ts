import path from 'node:path';

/** Settings read from the environment, in one place so every entry point agrees. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT "${env.PORT}" is not a port number (0-65535)`);
  }
  return {
    port,
    host: env.HOST ?? 'localhost',
    dataDir: path.resolve(env.TRELLIS_DATA ?? './trellis-data'),
    databaseUrl: env.DATABASE_URL || undefined,
  };
}
