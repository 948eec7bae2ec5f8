/** The district an import of district data (not a roster) goes to: named with --district, or the only one. */
import type { Sql } from '../../db/database.ts';
import { resolveDistrict } from '../oneroster/tenant.ts';
import { listDistricts } from './write.ts';

export async function existingDistrict(sql: Sql, requested: string | undefined): Promise<{ id: string; sourcedId: string }> {
  const districts = await listDistricts(sql);
  const { sourcedId } = resolveDistrict(undefined, requested, districts);
  return { id: districts.find((d) => d.sourcedId === sourcedId)!.id, sourcedId };
}
