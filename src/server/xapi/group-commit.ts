/**
 * Group commit for the Statement Resource. Statements of one district are
 * stored one transaction at a time (src/db/xapi-statements.ts explains the
 * lock), so requests that arrive while a transaction is under way would only
 * wait for it. Instead they wait here, and the next transaction stores all of
 * them together: the fixed cost of a transaction (the lock, the id check, the
 * look-ups that map evidence, the commit's flush to disk) is paid once per
 * group, not once per request. A request alone is stored at once.
 *
 * Each request still succeeds or fails on its own: a request whose statement
 * conflicts with a stored one (or with another request's in the group) gets
 * its 409 and none of its statements is stored, while the others go on; and
 * if the group's transaction fails, each request is tried again alone, so
 * one request can never fail another. Each is answered only after the
 * transaction holding it has committed.
 */
export interface GroupedRequest<Input> {
  input: Input;
  /** Settles the request: undefined when stored, else the error to answer with. */
  settle(error?: unknown): void;
}

/**
 * Stores a group (requests under one key) in one transaction and returns, per
 * request in order, the error that refused it (e.g. a 409), or undefined when
 * it was stored. Throws only when the transaction itself failed.
 */
export type StoreGroup<Input> = (requests: readonly Input[]) => Promise<(unknown | undefined)[]>;

/** Statements in one group at most: bounds a transaction's memory and length. */
export const GROUP_STATEMENTS = 5000;

export class GroupCommit<Input> {
  private readonly waiting = new Map<string, GroupedRequest<Input>[]>();
  private readonly writing = new Set<string>();

  constructor(
    private readonly store: StoreGroup<Input>,
    private readonly size: (input: Input) => number,
  ) {}

  /** Stores `input` with whatever else waits under the same key; resolves once it is committed. */
  write(key: string, input: Input): Promise<void> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ input, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      this.waiting.set(key, queue);
      if (!this.writing.has(key)) void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    this.writing.add(key);
    try {
      for (let group = this.take(key); group.length > 0; group = this.take(key)) await this.storeGroup(group);
    } finally {
      this.writing.delete(key);
    }
  }

  /** The requests waiting under the key, oldest first, up to GROUP_STATEMENTS statements (always at least one). */
  private take(key: string): GroupedRequest<Input>[] {
    const queue = this.waiting.get(key) ?? [];
    let statements = 0;
    let count = 0;
    while (count < queue.length && (count === 0 || statements + this.size(queue[count]!.input) <= GROUP_STATEMENTS)) {
      statements += this.size(queue[count]!.input);
      count++;
    }
    const group = queue.splice(0, count);
    if (queue.length === 0) this.waiting.delete(key);
    return group;
  }

  private async storeGroup(group: GroupedRequest<Input>[]): Promise<void> {
    try {
      const outcomes = await this.store(group.map((request) => request.input));
      group.forEach((request, i) => request.settle(outcomes[i]));
    } catch (error) {
      if (group.length === 1) {
        group[0]!.settle(error);
        return;
      }
      // Whatever failed the group must fail only the request that caused it.
      for (const request of group) {
        try {
          const [outcome] = await this.store([request.input]);
          request.settle(outcome);
        } catch (alone) {
          request.settle(alone);
        }
      }
    }
  }
}
