import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<Row>>;
}

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export type Engine = 'pglite' | 'postgres';

export interface Database extends Sql {
  readonly engine: Engine;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

let savepoints = 0;

/**
 * Runs `work` inside a transaction's savepoint: if it throws, only its own
 * changes are undone and the transaction goes on (the error is rethrown).
 */
export async function savepoint<T>(tx: Sql, work: () => Promise<T>): Promise<T> {
  const name = `trellis_sp_${++savepoints}`;
  await tx.query(`savepoint ${name}`);
  try {
    const result = await work();
    await tx.query(`release savepoint ${name}`);
    return result;
  } catch (error) {
    await tx.query(`rollback to savepoint ${name}`);
    throw error;
  }
}

export interface OpenOptions {
  /** postgres://... to use a PostgreSQL server; otherwise embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** Folder for the embedded database; omitted means in memory (tests). */
  dataDir?: string;
}

// Both engines return the same JavaScript values: dates as 'YYYY-MM-DD' strings
// (a school date has no time zone), 64-bit counts as numbers.
const DATE_OID = 1082;
const INT8_OID = 20;
const keepText = (value: string) => value;
/**
 * PGlite's own bytea serializer spells bytes out in hex, a few characters at a
 * time in JavaScript: slow for the large JSON parameters (src/db/json-bytes.ts).
 * Handed back as they are, the bytes go to the server as a binary parameter
 * (PGlite sends any typed-array value that way), as node-postgres sends a Buffer.
 */
const bytesAsTheyAre = (value: Uint8Array) => value as unknown as string;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openServer(options.databaseUrl) : openEmbedded(options.dataDir);
}

async function openEmbedded(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, {
    parsers: { [DATE_OID]: keepText, [pgliteTypes.INT8]: (v: string) => Number(v) },
    serializers: { [pgliteTypes.BYTEA]: bytesAsTheyAre },
  });
  const run = async <Row>(sql: Pick<PGlite, 'query'>, text: string, params?: unknown[]) => {
    const result = await sql.query<Row>(text, params as never[]);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  };
  return {
    engine: 'pglite',
    query: (text, params) => run(db, text, params),
    transaction: (work) => db.transaction((tx) => work({ query: (text, params) => run(tx, text, params) })),
    exec: async (script) => {
      await db.exec(script);
    },
    close: () => db.close(),
  };
}

async function openServer(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return keepText;
        if (oid === INT8_OID) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // Fail at start with a clear message rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const run = async <Row>(client: pg.Pool | pg.PoolClient, text: string, params?: unknown[]) => {
    const result = await client.query(text, params);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  };
  return {
    engine: 'postgres',
    query: (text, params) => run(pool, text, params),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: (text, params) => run(client, text, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (script) => {
      await pool.query(script);
    },
    close: () => pool.end(),
  };
}
