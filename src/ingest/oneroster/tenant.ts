/**
 * Which district an import belongs to: the org of type district in orgs.csv,
 * or --district, or the only district there is.
 */
import { columnIndex, type CsvTable } from '../common/csv.ts';
import { RejectImport } from '../common/report.ts';

export interface DistrictChoice {
  sourcedId: string;
  name: string;
}

export function resolveDistrict(
  orgs: CsvTable | undefined,
  requested: string | undefined,
  districts: { sourcedId: string; name: string }[],
): DistrictChoice {
  const inFile = orgs ? districtOrgs(orgs) : [];
  if (requested) {
    const fromFile = inFile.find((d) => d.sourcedId === requested);
    if (fromFile) return fromFile;
    if (inFile.length > 0) {
      const names = inFile.map((d) => `"${d.sourcedId}"`).join(', ');
      throw new RejectImport(`${orgs!.file}: the district org here is ${names}, not "${requested}"`);
    }
    const known = districts.find((d) => d.sourcedId === requested);
    if (known) return known;
    throw new RejectImport(`there is no district "${requested}": import a bulk export with its orgs.csv first`);
  }
  if (inFile.length === 1) return inFile[0]!;
  if (inFile.length > 1) {
    const names = inFile.map((d) => d.sourcedId).join(', ');
    throw new RejectImport(`${orgs!.file}: ${inFile.length} orgs of type district (${names}): name one with --district`);
  }
  if (districts.length === 1) return districts[0]!;
  if (districts.length === 0) {
    throw new RejectImport(orgs ? `${orgs.file}: no org of type district` : 'no orgs.csv and no district yet: import a bulk export first');
  }
  throw new RejectImport(`${districts.length} districts exist: name one with --district`);
}

function districtOrgs(orgs: CsvTable): DistrictChoice[] {
  const columns = columnIndex(orgs.header);
  const [idAt, typeAt, nameAt, statusAt] = ['sourcedid', 'type', 'name', 'status'].map((c) => columns.get(c));
  const found = new Map<string, DistrictChoice>();
  for (const row of orgs.rows) {
    const cell = (i: number | undefined) => (i === undefined ? '' : (row.cells[i] ?? '').trim());
    const sourcedId = cell(idAt);
    if (!sourcedId || cell(typeAt).toLowerCase() !== 'district' || cell(statusAt).toLowerCase() === 'tobedeleted') continue;
    if (!found.has(sourcedId)) found.set(sourcedId, { sourcedId, name: cell(nameAt) || sourcedId });
  }
  return [...found.values()];
}
