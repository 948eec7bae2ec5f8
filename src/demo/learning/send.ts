/**
 * The demo's learning programs report to the Learning Record Store the way real
 * ones do: each POSTs batches of statements to /xapi/statements with its own
 * HTTP Basic credential. The requests are injected into an in-process instance
 * of the LRS routes (no port is opened), so they pass through exactly what a
 * program's requests pass through: authentication, statement validation,
 * storage with the program as authority, and the mapping to evidence.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { XAPI_VERSION } from '../../core/xapi/types.ts';
import type { Database } from '../../db/database.ts';
import { installErrorHandler } from '../../server/plugins/errors.ts';
import { xapiRoutes } from '../../server/xapi/index.ts';

export interface ProgramCredential {
  key: string;
  secret: string;
}

/** Statements per request: a program sending a day's work for a class in a few requests. */
export const STATEMENTS_PER_REQUEST = 5000;

/** Thrown when the LRS refuses a batch: the demo's statements must all be accepted. */
export class StatementsRefused extends Error {}

export class DemoLrsClient {
  private constructor(private readonly app: FastifyInstance) {}

  static async open(db: Database): Promise<DemoLrsClient> {
    const app = Fastify({ logger: false });
    installErrorHandler(app);
    await xapiRoutes(app, { db });
    await app.ready();
    return new DemoLrsClient(app);
  }

  /** POSTs one batch as the program; returns the stored ids. */
  async post(program: ProgramCredential, statements: readonly object[]): Promise<string[]> {
    const response = await this.app.inject({
      method: 'POST',
      url: '/xapi/statements',
      headers: {
        authorization: `Basic ${Buffer.from(`${program.key}:${program.secret}`).toString('base64')}`,
        'x-experience-api-version': XAPI_VERSION,
        'content-type': 'application/json',
      },
      payload: JSON.stringify(statements),
    });
    if (response.statusCode !== 200) {
      // The problem's detail names what was wrong; the credential is never part of it.
      const detail = (() => {
        try {
          return (JSON.parse(response.body) as { detail?: string }).detail ?? response.body;
        } catch {
          return response.body;
        }
      })();
      throw new StatementsRefused(`the LRS refused a batch of ${statements.length} demo statements (${response.statusCode}): ${detail}`);
    }
    return JSON.parse(response.body) as string[];
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
