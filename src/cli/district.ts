import { findDistrictByKey, listDistricts, type District } from '../db/accounts.ts';
import type { Database } from '../db/database.ts';
import { UserError } from './output.ts';

/** The district a command works on: the one named by id or sourcedId, or the only one there is. */
export async function chooseDistrict(db: Database, key: string | undefined): Promise<District> {
  if (key) {
    const district = await findDistrictByKey(db, key);
    if (!district) throw new UserError(`there is no district "${key}" (see \`trellis stats\`, or import a roster first)`);
    return district;
  }
  const districts = await listDistricts(db);
  if (districts.length === 1) return districts[0]!;
  if (districts.length === 0) throw new UserError('there is no district yet: import a roster (or load the demo) first');
  throw new UserError(`there are ${districts.length} districts; choose one with --district (${districts.map((d) => d.sourcedId).join(', ')})`);
}
