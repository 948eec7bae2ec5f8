import { describe, expect, it } from 'vitest';
import { GROUP_STATEMENTS, GroupCommit } from './group-commit.ts';

interface Batch {
  name: string;
  size: number;
  /** Refused by the store (as a 409 would be). */
  refused?: boolean;
  /** Breaks any transaction it is in (as a database error would). */
  breaks?: boolean;
}

/** A store that records each transaction's batches; the first transaction waits until released, so others queue behind it. */
function recordingStore() {
  const transactions: string[][] = [];
  let release!: () => void;
  const firstHeld = new Promise<void>((resolve) => (release = resolve));
  const store = async (batches: readonly Batch[]) => {
    const first = transactions.length === 0;
    transactions.push(batches.map((b) => b.name));
    if (first) await firstHeld;
    if (batches.some((b) => b.breaks) && batches.length > 1) throw new Error('the group broke');
    if (batches.some((b) => b.breaks)) throw new Error(`${batches[0]!.name} broke`);
    return batches.map((b) => (b.refused ? new Error(`${b.name} refused`) : undefined));
  };
  return { transactions, release, commit: new GroupCommit<Batch>(store, (b) => b.size) };
}

const outcome = (promise: Promise<void>) => promise.then(() => 'stored', (error: Error) => error.message);

describe('GroupCommit', () => {
  it('stores a request alone at once, and the requests that arrive meanwhile together in the next transaction', async () => {
    const { transactions, release, commit } = recordingStore();
    const a = outcome(commit.write('k', { name: 'a', size: 10 }));
    const b = outcome(commit.write('k', { name: 'b', size: 10 }));
    const c = outcome(commit.write('k', { name: 'c', size: 10 }));
    release();
    expect(await Promise.all([a, b, c])).toEqual(['stored', 'stored', 'stored']);
    expect(transactions).toEqual([['a'], ['b', 'c']]);
  });

  it('keeps keys apart: another key does not wait for this one', async () => {
    const { transactions, release, commit } = recordingStore();
    const a = outcome(commit.write('k', { name: 'a', size: 1 }));
    const other = await outcome(commit.write('other', { name: 'x', size: 1 }));
    expect(other).toBe('stored');
    release();
    await a;
    expect(transactions).toEqual([['a'], ['x']]);
  });

  it('answers each request of a group with its own outcome', async () => {
    const { release, commit } = recordingStore();
    const a = outcome(commit.write('k', { name: 'a', size: 1 }));
    const b = outcome(commit.write('k', { name: 'b', size: 1, refused: true }));
    const c = outcome(commit.write('k', { name: 'c', size: 1 }));
    release();
    expect(await Promise.all([a, b, c])).toEqual(['stored', 'b refused', 'stored']);
  });

  it('tries each request again alone when the group transaction fails, so one cannot fail the others', async () => {
    const { transactions, release, commit } = recordingStore();
    const a = outcome(commit.write('k', { name: 'a', size: 1 }));
    const b = outcome(commit.write('k', { name: 'b', size: 1 }));
    const c = outcome(commit.write('k', { name: 'c', size: 1, breaks: true }));
    const d = outcome(commit.write('k', { name: 'd', size: 1 }));
    release();
    expect(await Promise.all([a, b, c, d])).toEqual(['stored', 'stored', 'c broke', 'stored']);
    expect(transactions).toEqual([['a'], ['b', 'c', 'd'], ['b'], ['c'], ['d']]);
  });

  it(`puts at most ${GROUP_STATEMENTS} statements in a group, and a larger request alone`, async () => {
    const { transactions, release, commit } = recordingStore();
    const writes = [
      commit.write('k', { name: 'first', size: 1 }),
      commit.write('k', { name: 'a', size: GROUP_STATEMENTS - 100 }),
      commit.write('k', { name: 'b', size: 100 }),
      commit.write('k', { name: 'c', size: 1 }),
      commit.write('k', { name: 'huge', size: GROUP_STATEMENTS * 2 }),
    ];
    release();
    await Promise.all(writes);
    expect(transactions).toEqual([['first'], ['a', 'b'], ['c'], ['huge']]);
  });
});
