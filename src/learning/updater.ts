/**
 * Keeps mastery current while the server runs: when the LRS accepts statements
 * it calls `notifyStatementsStored`, and shortly after, one pass maps every
 * statement stored since the sync cursor to evidence (`syncStatementEvidence`)
 * and refreshes the estimates and flags of the students they touch. Notices
 * that arrive while a pass runs are gathered into the next one, so a burst of
 * thousands of statements a second costs a few passes, not one per request.
 */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { statementPairs } from '../db/mastery.ts';
import { syncCursor } from '../db/statement-evidence.ts';
import { syncStatementEvidence } from '../ingest/statements/index.ts';
import { refreshMastery } from './mastery.ts';

/** Waits this long after the first notice, so one pass serves the requests of a burst. */
const GATHER_MS = 25;

export class MasteryUpdater {
  private readonly districts = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly onError: (error: unknown, districtId: string) => void,
  ) {}

  /** Statements were committed in the district: update its mastery soon. */
  notify(districtId: string): void {
    if (this.closed) return;
    this.districts.add(districtId);
    this.schedule();
  }

  /** Resolves once no pass is waiting or under way (for tests and tools that sync by hand). */
  async settled(): Promise<void> {
    while (this.timer || this.running) {
      if (this.running) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Stops taking notices and waits for the pass under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(): void {
    if (this.timer || this.running || this.closed || this.districts.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, GATHER_MS);
  }

  private async drain(): Promise<void> {
    const districts = [...this.districts];
    this.districts.clear();
    for (const districtId of districts) {
      try {
        await updateDistrictMastery(this.db, districtId);
      } catch (error) {
        this.onError(error, districtId);
      }
    }
  }
}

/** One pass: evidence from the statements stored since the cursor, then the estimates of the pairs they touch. */
export async function updateDistrictMastery(db: Database, districtId: string): Promise<number> {
  const before = (await syncCursor(db, districtId))?.lastSeq ?? 0;
  await syncStatementEvidence(db, districtId);
  const after = (await syncCursor(db, districtId))?.lastSeq ?? 0;
  if (after <= before) return 0;
  const pairs = await statementPairs(db, districtId, before, after);
  await refreshMastery(db, districtId, pairs);
  return pairs.length;
}

const updaters = new WeakMap<Database, MasteryUpdater>();

/** Called by the LRS after statements are committed; does nothing unless a server started an updater for this database. */
export function notifyStatementsStored(db: Database, districtId: string): void {
  updaters.get(db)?.notify(districtId);
}

/** Waits until the database's updater, if any, has nothing waiting or under way. */
export async function masteryUpdatesSettled(db: Database): Promise<void> {
  await updaters.get(db)?.settled();
}

/** Starts the updater with the server and stops it (after its last pass) when the server closes. */
export function installMasteryUpdater(app: FastifyInstance, db: Database): void {
  const updater = new MasteryUpdater(db, (error, districtId) =>
    app.log.error({ err: error, districtId }, 'could not update mastery from new statements; `trellis learning sync` then `trellis mastery fit` catch up'),
  );
  updaters.set(db, updater);
  app.addHook('onClose', async () => {
    await updater.close();
    if (updaters.get(db) === updater) updaters.delete(db);
  });
}
