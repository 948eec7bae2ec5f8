/**
 * Writes a demo district as a folder of CSV files: the OneRoster 1.1 bulk set with its
 * manifest, Trellis's team files and students-attributes.csv. Large files stream
 * through csv-stringify with back-pressure, so 450,000 enrollments do not build one
 * giant string.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { DemoDistrict } from './generate.ts';
import { COLUMNS, FILE_NAMES, MANIFEST, TABLE_NAMES } from './tables.ts';

export interface WrittenFile {
  file: string;
  rows: number;
}

/** Writes the district's files into `folder` (created if missing) and lists them with their row counts. */
export async function writeDemoDistrict(district: DemoDistrict, folder: string): Promise<WrittenFile[]> {
  await mkdir(folder, { recursive: true });
  await writeCsv(path.join(folder, 'manifest.csv'), ['propertyName', 'value'], MANIFEST.map(([propertyName, value]) => ({ propertyName, value })));
  const written: WrittenFile[] = [{ file: 'manifest.csv', rows: MANIFEST.length }];
  for (const table of TABLE_NAMES) {
    const rows = district.tables[table];
    await writeCsv(path.join(folder, FILE_NAMES[table]), COLUMNS[table], rows);
    written.push({ file: FILE_NAMES[table], rows: rows.length });
  }
  return written;
}

async function writeCsv(file: string, columns: readonly string[], rows: readonly object[]): Promise<void> {
  await pipeline(
    Readable.from(rows, { highWaterMark: 1024 }),
    stringify({ header: true, columns: [...columns], record_delimiter: 'unix' }),
    createWriteStream(file),
  );
}
