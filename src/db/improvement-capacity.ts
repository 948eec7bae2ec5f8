/**
 * What the district capacity view reads: every project the viewer can see, with
 * its members, cycles and the areas its measures watch, in four queries however
 * many projects there are.
 */
import type { Area } from '../core/improvement/types.ts';
import type { Sql } from './database.ts';
import { listProjects, type ProjectSummary, type Viewer } from './improvement.ts';
import { listCyclesOfProjects, type Cycle } from './improvement-cycles.ts';

export interface PortfolioRows {
  projects: ProjectSummary[];
  members: { projectId: string; person: string; department: string | null }[];
  cycles: (Cycle & { projectId: string })[];
  measureAreas: { projectId: string; area: Area | null }[];
}

export async function portfolioRows(sql: Sql, viewer: Viewer): Promise<PortfolioRows> {
  const projects = await listProjects(sql, viewer);
  const ids = projects.map((p) => p.id);
  const districtId = viewer.scope.districtId;
  if (ids.length === 0) return { projects, members: [], cycles: [], measureAreas: [] };
  const members = await sql.query<PortfolioRows['members'][number]>(
    // A person is their roster record when they have one, else their account: the same adult counts once.
    `select m.project_id as "projectId", coalesce(m.user_sourced_id, a.user_sourced_id, m.account_id::text) as person, m.department
     from improvement_members m left join accounts a on a.id = m.account_id
     where m.district_id = $1 and m.project_id = any($2::uuid[])`,
    [districtId, ids],
  );
  const cycles = await listCyclesOfProjects(sql, districtId, ids);
  const areas = await sql.query<PortfolioRows['measureAreas'][number]>(
    `select project_id as "projectId", area from improvement_measures where district_id = $1 and project_id = any($2::uuid[])`,
    [districtId, ids],
  );
  return { projects, members: members.rows, cycles, measureAreas: areas.rows };
}
