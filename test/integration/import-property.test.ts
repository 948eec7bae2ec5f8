/**
 * Property: whatever happens to the files (cells dropped, duplicated or garbled,
 * lines truncated, random bytes), the importer never throws, and when it rejects
 * the database is exactly as it was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { importOneRoster } from '../../src/ingest/oneroster/index.ts';
import { describeEachEngine } from './engines.ts';
import { fingerprint, FIXTURES } from './helpers/imports.ts';

const FOLDER = path.join(FIXTURES, 'v1.1-bulk');
const FILES = readdirSync(FOLDER).map((name) => ({ name, text: readFileSync(path.join(FOLDER, name), 'latin1') }));

type Corruption =
  | { kind: 'dropCell' | 'duplicateCell' | 'garbleCell' | 'truncateLine' | 'duplicateLine'; file: number; line: number; cell: number; garbage: string }
  | { kind: 'randomBytes'; file: number; at: number; bytes: Uint8Array };

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('dropCell', 'duplicateCell', 'garbleCell', 'truncateLine', 'duplicateLine' as const),
    file: fc.nat(FILES.length - 1),
    line: fc.nat(40),
    cell: fc.nat(20),
    garbage: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"', '""', 'tobedeleted', '2024-02-30', 'ext:x', ',', '\n', '')),
  }),
  fc.record({ kind: fc.constant('randomBytes' as const), file: fc.nat(FILES.length - 1), at: fc.nat(4000), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
);

function corrupt(changes: Corruption[]): Uint8Array {
  const files = FILES.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.text, 'latin1')) }));
  for (const change of changes) {
    const file = files[change.file]!;
    if (change.kind === 'randomBytes') {
      const at = change.at % (file.bytes.length + 1);
      file.bytes = new Uint8Array([...file.bytes.slice(0, at), ...change.bytes, ...file.bytes.slice(at)]);
      continue;
    }
    const lines = Buffer.from(file.bytes).toString('latin1').split('\n');
    const i = change.line % lines.length;
    const cells = lines[i]!.split(',');
    const c = change.cell % cells.length;
    if (change.kind === 'dropCell') cells.splice(c, 1);
    if (change.kind === 'duplicateCell') cells.splice(c, 0, cells[c]!);
    if (change.kind === 'garbleCell') cells[c] = change.garbage;
    if (change.kind === 'truncateLine') cells.length = c;
    lines[i] = cells.join(',');
    if (change.kind === 'duplicateLine') lines.splice(i, 0, lines[i]!);
    file.bytes = new Uint8Array(Buffer.from(lines.join('\n'), 'latin1'));
  }
  return zipSync(Object.fromEntries(files.map((f) => [f.name, f.bytes])));
}

describeEachEngine('OneRoster import under random corruption', (ctx) => {
  beforeAll(async () => {
    // Start from a populated district so a rejection has data to leave alone.
    const first = await importOneRoster(ctx.db, FOLDER);
    expect(first.outcome).toBe('accepted');
  });

  it('never throws, and a rejection changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(corruption, { minLength: 1, maxLength: 4 }), fc.boolean(), async (changes, strict) => {
        const before = await fingerprint(ctx.db);
        const report = await importOneRoster(ctx.db, corrupt(changes), { strict });
        expect(['accepted', 'rejected']).toContain(report.outcome);
        if (report.outcome === 'rejected') {
          expect(report.error !== undefined || report.problems.length > 0).toBe(true);
          // Validation, not the database's constraints, must catch bad input.
          expect(report.error ?? '').not.toMatch(/database refused/);
          expect(await fingerprint(ctx.db)).toEqual(before);
        } else if (strict) {
          expect(report.problems).toEqual([]);
        }
        // Put the district back for the next run.
        const restored = await importOneRoster(ctx.db, FOLDER);
        expect(restored.outcome).toBe('accepted');
      }),
      { numRuns: Number(process.env.TRELLIS_PROPERTY_RUNS ?? 40) },
    );
  }, 240_000);
});
