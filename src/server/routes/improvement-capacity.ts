/**
 * GET /api/improvement/capacity: the improvement capacity of everything the
 * caller can see (src/core/improvement/capacity.ts), for the Reorient job's
 * view of the whole system. A district admin sees the district's; a school
 * leader their schools'; team roles their teams' and the district's projects.
 */
import { groupBy } from '../../core/group-by.ts';
import { districtCapacity, type PortfolioProject } from '../../core/improvement/capacity.ts';
import { portfolioRows } from '../../db/improvement-capacity.ts';
import { problems } from '../schemas.ts';
import { cycleFacts, today, viewerOf } from './improvement-facts.ts';
import { DistrictCapacity } from './improvement-schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

export function improvementCapacityRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/improvement/capacity',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['improvement'],
        summary: 'Improvement capacity across the projects you can see: cycles studied per month, people, departments, portfolio areas, spread',
        response: { 200: DistrictCapacity, ...problems(401, 403) },
      },
    },
    async (request) => {
      const rows = await portfolioRows(db, viewerOf(request));
      const members = groupBy(rows.members, (row) => row.projectId);
      const cycles = groupBy(rows.cycles, (row) => row.projectId);
      const areas = groupBy(rows.measureAreas, (row) => row.projectId);
      const projects: PortfolioProject[] = rows.projects.map((project) => ({
        id: project.id,
        title: project.title,
        job: project.job,
        status: project.status,
        scope: { kind: project.scope.kind, name: project.scope.name },
        members: members.get(project.id) ?? [],
        cycles: (cycles.get(project.id) ?? []).map(cycleFacts),
        measureAreas: (areas.get(project.id) ?? []).map((m) => m.area),
      }));
      const on = today();
      return { today: on, ...districtCapacity(projects, on) };
    },
  );
}
