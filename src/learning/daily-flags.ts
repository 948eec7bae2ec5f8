/**
 * Runs the district flag pass (`refreshDistrictFlags`) once a day per district
 * while the server runs: "inactive" and "behind" change as days pass without
 * any new evidence, so nothing else would judge them. At start, each district
 * whose last pass (table flag_passes) was before today, in the server's local
 * time, gets one; then again at each local midnight. A pass run by hand
 * (`trellis learning flags`, `trellis mastery fit`) counts for its day.
 */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { flagPassTimes } from '../db/mastery.ts';
import { refreshDistrictFlags } from './mastery.ts';

export interface DailyFlagOptions {
  /** The clock; tests pass their own. */
  now?: () => Date;
  /** Called with a district's failure (the other districts still get their pass), or with null when the districts could not be read. */
  onError: (error: unknown, districtId: string | null) => void;
}

/** The start of the local day `at` falls in. */
export function startOfLocalDay(at: Date): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate());
}

/** Milliseconds from `at` to the next local midnight (a day is 23 or 25 hours when the clocks change). */
export function msUntilNextLocalMidnight(at: Date): number {
  const midnight = new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1);
  return midnight.getTime() - at.getTime();
}

export class DailyFlagPass {
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private timedFor: Date | null = null;
  private running: Promise<unknown> | null = null;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly options: DailyFlagOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Runs the passes due now, then keeps running them at each local midnight until closed. */
  start(): void {
    this.run();
  }

  /** When the next run is timed for; null while none is (closed, or a run under way). */
  get nextRunAt(): Date | null {
    return this.timer ? this.timedFor : null;
  }

  /** Resolves once the run under way, if any, has finished (for tests). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Cancels the next run and waits for the one under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.settled();
  }

  /**
   * Runs the pass for each district whose last one was before today; returns
   * the districts it ran for. Running it again the same day does nothing.
   */
  async runDue(): Promise<string[]> {
    const today = startOfLocalDay(this.now());
    const ran: string[] = [];
    for (const { districtId, passedAt } of await flagPassTimes(this.db)) {
      if (this.closed) break;
      if (passedAt !== null && passedAt >= today) continue;
      try {
        await refreshDistrictFlags(this.db, districtId, this.now());
        ran.push(districtId);
      } catch (error) {
        this.options.onError(error, districtId);
      }
    }
    return ran;
  }

  private run(): void {
    this.running = this.runDue()
      .catch((error: unknown) => this.options.onError(error, null))
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }

  private schedule(): void {
    if (this.closed) return;
    const now = this.now();
    const delay = msUntilNextLocalMidnight(now);
    this.timedFor = new Date(now.getTime() + delay);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, delay);
    // The pass never keeps the process alive on its own (tests open and close many servers).
    this.timer.unref();
  }
}

/** Starts the daily pass with the server and stops it (after the pass under way) when the server closes. */
export function installDailyFlagPass(app: FastifyInstance, db: Database, options: Pick<DailyFlagOptions, 'now'> = {}): DailyFlagPass {
  const pass = new DailyFlagPass(db, {
    ...options,
    // The message and code only: a database error's detail can quote row values, which are students' data.
    onError: (error, districtId) =>
      app.log.error(
        { districtId, error: error instanceof Error ? error.message : String(error), code: (error as { code?: unknown } | null)?.code },
        'the daily flag pass failed; `trellis learning flags` runs it by hand',
      ),
  });
  app.addHook('onReady', async () => pass.start());
  app.addHook('onClose', async () => pass.close());
  return pass;
}
