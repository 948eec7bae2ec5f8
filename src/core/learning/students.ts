/**
 * Finding a student from what a learning program or a file calls them: the
 * roster sourcedId, else the identifier, username or email. A value shared by
 * several students matches none of them: guessing would put one student's work
 * on another's record. Pure.
 */
import { createHash } from 'node:crypto';

export interface StudentIdentity {
  sourcedId: string;
  identifier: string | null;
  username: string | null;
  email: string | null;
}

export type StudentMatch = { sourcedId: string } | { problem: string };

export interface StudentDirectory {
  /** By sourcedId, then identifier, then username, then email (any case). */
  find(value: string): StudentMatch;
  /** By email only (xAPI `mbox`), any case. */
  findEmail(email: string): StudentMatch;
  /** By the SHA-1 of `mailto:EMAIL` (xAPI `mbox_sha1sum`), hex, any case. */
  findEmailSha1(hash: string): StudentMatch;
}

export const NO_STUDENT = 'no student with this sourcedId, identifier, username or email in the district';

type Key = 'identifier' | 'username' | 'email';

function index(students: readonly StudentIdentity[], value: (s: StudentIdentity) => string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const student of students) {
    const key = value(student);
    if (!key) continue;
    const ids = map.get(key);
    if (ids) ids.push(student.sourcedId);
    else map.set(key, [student.sourcedId]);
  }
  return map;
}

function ambiguous(name: string, ids: string[]): StudentMatch {
  return { problem: `matches the ${name} of ${ids.length} students (${ids.slice(0, 3).join(', ')}): use the sourcedId` };
}

const mailtoSha1 = (email: string) => createHash('sha1').update(`mailto:${email}`).digest('hex');

export function studentDirectory(students: readonly StudentIdentity[]): StudentDirectory {
  const bySourcedId = new Set(students.map((s) => s.sourcedId));
  const byKey: Record<Key, Map<string, string[]>> = {
    identifier: index(students, (s) => s.identifier),
    username: index(students, (s) => s.username),
    email: index(students, (s) => s.email?.toLowerCase() ?? null),
  };
  // Hashed lazily: only xAPI actors identified by mbox_sha1sum need it.
  let bySha1: Map<string, string[]> | null = null;

  const one = (name: string, ids: string[] | undefined): StudentMatch | null => {
    if (!ids) return null;
    return ids.length === 1 ? { sourcedId: ids[0]! } : ambiguous(name, ids);
  };

  return {
    find(value) {
      if (bySourcedId.has(value)) return { sourcedId: value };
      return (
        one('identifier', byKey.identifier.get(value)) ??
        one('username', byKey.username.get(value)) ??
        one('email', byKey.email.get(value.toLowerCase())) ?? { problem: NO_STUDENT }
      );
    },
    findEmail(email) {
      return one('email', byKey.email.get(email.toLowerCase())) ?? { problem: 'no student with this email in the district' };
    },
    findEmailSha1(hash) {
      bySha1 ??= index(students, (s) => (s.email ? mailtoSha1(s.email.toLowerCase()) : null));
      return one('email', bySha1.get(hash.toLowerCase())) ?? { problem: 'no student whose email has this SHA-1 in the district' };
    },
  };
}
