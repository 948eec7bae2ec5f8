/** manifest.csv: the OneRoster version and, per file, bulk, delta or absent. */
import { columnIndex, type CsvTable } from '../common/csv.ts';
import { RejectImport } from '../common/report.ts';
import type { Version } from './files.ts';

export type FileMode = 'bulk' | 'delta';

export interface Manifest {
  version: Version;
  /** Files present in this import by entity (`users`), with their mode. */
  files: Map<string, FileMode>;
}

export function parseManifest(table: CsvTable): Manifest {
  const columns = columnIndex(table.header);
  const nameAt = columns.get('propertyname');
  const valueAt = columns.get('value');
  if (nameAt === undefined || valueAt === undefined) {
    throw new RejectImport(`${table.file}:1: the header must have the columns propertyName and value`);
  }
  let version: Version | undefined;
  let versionLine = 1;
  const files = new Map<string, FileMode>();
  for (const row of table.rows) {
    const name = (row.cells[nameAt] ?? '').trim();
    const value = (row.cells[valueAt] ?? '').trim();
    if (name === 'oneroster.version') {
      versionLine = row.line;
      if (/^1\.1(\.\d+)?$/.test(value)) version = '1.1';
      else if (/^1\.2(\.\d+)?$/.test(value)) version = '1.2';
      else throw new RejectImport(`${table.file}:${row.line}: oneroster.version "${value}": Trellis reads OneRoster 1.1 and 1.2`);
    } else if (name.startsWith('file.')) {
      const mode = value.toLowerCase();
      if (mode !== 'bulk' && mode !== 'delta' && mode !== 'absent') {
        throw new RejectImport(`${table.file}:${row.line}: ${name} "${value}": must be bulk, delta or absent`);
      }
      if (mode !== 'absent') files.set(name.slice('file.'.length), mode);
    }
  }
  if (!version) throw new RejectImport(`${table.file}:${versionLine}: the manifest has no oneroster.version property`);
  return { version, files };
}
