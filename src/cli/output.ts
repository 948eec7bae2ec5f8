import { CommanderError } from 'commander';
import cliProgress from 'cli-progress';

/** An error whose message is for the user as it stands: no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * Prints a failure the way a user should see it and returns the exit code.
 * Expected failures print their message; unexpected ones print a one-line
 * summary (the stack only with TRELLIS_DEBUG=1).
 */
export function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode;
  }
  if (error instanceof UserError) {
    process.stderr.write(`trellis: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`trellis: unexpected error: ${message}\n`);
  if (process.env.TRELLIS_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('(set TRELLIS_DEBUG=1 for details)\n');
  return 1;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export interface Progress {
  update(phase: string, done: number, total: number): void;
  stop(): void;
}

/** A progress bar on a terminal; silent when output is piped or --json is set. */
export function progressBar(enabled = process.stderr.isTTY): Progress {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: '{phase} |{bar}| {value}/{total}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(phase, done, total) {
      if (!started) {
        bar.start(total, done, { phase });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { phase });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
