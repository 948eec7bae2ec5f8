import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Argon2id with the library's defaults (19 MiB, 2 passes: the OWASP minimum).
// The enum is declared `const` in the typings and is empty at run time, hence the literal.
const ARGON2ID = 2 as Algorithm;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

/** False for a wrong password or a malformed hash; never throws on bad input. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Computes the dummy hash ahead of the first sign-in, so that one is not slower either. */
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('trellis-no-such-account');
  return dummyHash;
}

/**
 * Spends the same time as checking a real password, for sign-ins with an unknown
 * email, so response time does not reveal which emails have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(await prepareDummyHash(), password);
  return false;
}
