/**
 * Keeps mastery current while the server runs. The LRS maps statements to
 * evidence in the transaction that stores them and queues the students whose
 * evidence changed (mastery_refresh_queue, src/db/mastery-queue.ts); then it
 * calls `notifyStatementsStored`, and shortly after, one pass refreshes the
 * estimates and flags of the queued students. Notices that arrive while a pass
 * runs are gathered into the next one, so a burst of thousands of statements a
 * second costs a few passes, not one per request. The queue is a table, so a
 * server that starts finishes what a stopped one left.
 */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { dequeueStudents, districtsWithQueue, queuedStudents } from '../db/mastery-queue.ts';
import { refreshStudentMastery } from './mastery.ts';

/** Waits this long after the first notice, so one pass serves the requests of a burst. */
const GATHER_MS = 25;
/** Students refreshed per district per pass; a fuller queue takes further passes, so districts take turns. */
const PASS_STUDENTS = 1000;

export class MasteryUpdater {
  private readonly districts = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly onError: (error: unknown, districtId: string) => void,
  ) {}

  /** Students of the district were queued: update their mastery soon. */
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
        const { more } = await updateDistrictMastery(this.db, districtId);
        if (more) this.districts.add(districtId);
      } catch (error) {
        this.onError(error, districtId);
      }
    }
  }
}

/**
 * One pass: refreshes up to `limit` queued students of the district and takes
 * them off the queue (unless they were queued again meanwhile). `more` says
 * the queue held more than one pass takes.
 */
export async function updateDistrictMastery(db: Database, districtId: string, limit = PASS_STUDENTS): Promise<{ students: number; more: boolean }> {
  const queued = await queuedStudents(db, districtId, limit);
  if (queued.length === 0) return { students: 0, more: false };
  await refreshStudentMastery(
    db,
    districtId,
    queued.map((q) => q.student),
  );
  await dequeueStudents(db, districtId, queued);
  return { students: queued.length, more: queued.length === limit };
}

/** Refreshes every queued student of the district: for tools that store evidence without a server (`trellis learning sync`). */
export async function drainMasteryQueue(db: Database, districtId: string): Promise<number> {
  let students = 0;
  for (;;) {
    const pass = await updateDistrictMastery(db, districtId);
    students += pass.students;
    if (!pass.more) return students;
  }
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
    // The message and code only: a database error's detail can quote row values, which are students' data.
    app.log.error(
      { districtId, error: error instanceof Error ? error.message : String(error), code: (error as { code?: unknown } | null)?.code },
      'could not update mastery; the students stay queued for the next pass or `trellis learning sync`',
    ),
  );
  updaters.set(db, updater);
  // What a stopped server left queued (its last pass, or a crash) is done first.
  // A database that is down at start must not stop the server from starting: the queue waits for the next statement.
  app.addHook('onReady', async () => {
    try {
      for (const districtId of await districtsWithQueue(db)) updater.notify(districtId);
    } catch (error) {
      app.log.error(
        { error: error instanceof Error ? error.message : String(error), code: (error as { code?: unknown } | null)?.code },
        'could not read the mastery queue at start; queued students wait for the next statement or `trellis learning sync`',
      );
    }
  });
  app.addHook('onClose', async () => {
    await updater.close();
    if (updaters.get(db) === updater) updaters.delete(db);
  });
}
