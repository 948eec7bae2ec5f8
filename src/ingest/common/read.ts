/**
 * Turns an import source (a folder, a zip file, or zip bytes) into its CSV files,
 * by base name. Zips exported from an SIS often hold the files in a subfolder:
 * the folder holding manifest.csv is used, else the shallowest one holding CSVs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { RejectImport } from './report.ts';

export type SourceFiles = Map<string, Uint8Array>;

export function readSource(source: string | Uint8Array): SourceFiles {
  if (typeof source !== 'string') return readZip(source, 'the uploaded zip');
  let stat;
  try {
    stat = statSync(source);
  } catch {
    throw new RejectImport(`${source}: no such file or folder`);
  }
  if (stat.isDirectory()) return readFolder(source);
  const bytes = readFileSync(source);
  if (isZip(bytes)) return readZip(bytes, source);
  if (source.toLowerCase().endsWith('.csv')) return new Map([[path.basename(source), new Uint8Array(bytes)]]);
  throw new RejectImport(`${source}: not a folder, a zip file or a CSV file`);
}

function readFolder(folder: string): SourceFiles {
  const files: SourceFiles = new Map();
  for (const name of readdirSync(folder)) {
    if (!name.toLowerCase().endsWith('.csv')) continue;
    const full = path.join(folder, name);
    if (statSync(full).isFile()) files.set(name, new Uint8Array(readFileSync(full)));
  }
  return files;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

function readZip(bytes: Uint8Array, label: string): SourceFiles {
  if (!isZip(bytes)) throw new RejectImport(`${label}: not a zip file`);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (file) => isCsvEntry(file.name) });
  } catch (error) {
    throw new RejectImport(`${label}: cannot unzip: ${(error as Error).message}`);
  }
  const names = Object.keys(entries);
  const manifest = names.filter((name) => path.posix.basename(name) === 'manifest.csv').sort(byDepth)[0];
  const folder = path.posix.dirname(manifest ?? names.sort(byDepth)[0] ?? '');
  const files: SourceFiles = new Map();
  for (const name of names) {
    if (path.posix.dirname(name) === folder) files.set(path.posix.basename(name), entries[name]!);
  }
  return files;
}

function isCsvEntry(name: string): boolean {
  return name.toLowerCase().endsWith('.csv') && !name.startsWith('__MACOSX/') && !path.posix.basename(name).startsWith('._');
}

function byDepth(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || a.localeCompare(b);
}

/** The file named `name`, matched exactly first and then ignoring case. */
export function findFile(files: SourceFiles, name: string): { name: string; bytes: Uint8Array } | undefined {
  const exact = files.get(name);
  if (exact) return { name, bytes: exact };
  for (const [other, bytes] of files) if (other.toLowerCase() === name.toLowerCase()) return { name: other, bytes };
  return undefined;
}
