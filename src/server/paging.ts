import type { NameKey } from '../db/students.ts';
import { Problem } from './problem.ts';

/** The opaque `next` of a page: where the page ended, not an offset. */
export function encodeCursor(key: NameKey | null): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): NameKey | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 3 && key.every((part) => typeof part === 'string')) return key as NameKey;
  } catch {
    // falls through to the problem below
  }
  throw new Problem(400, 'The cursor is not one this server gave out. Start again from the first page.');
}
