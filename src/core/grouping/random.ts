/** xorshift32: a small, fixed pseudo-random sequence, so a seed means the same numbers everywhere. */
export function seededRandom(seed: number): () => number {
  let state = (seed ^ 0x5bd1e995) >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}
