import { rosterStats } from '../../db/stats.ts';
import { scopeOf } from '../plugins/auth.ts';
import { problems, RosterStats } from '../schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

export function statsRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/stats',
    {
      config: { access: ACCESS.districtAdmin },
      schema: { tags: ['roster'], summary: "Counts of the district's roster", response: { 200: RosterStats, ...problems(401, 403) } },
    },
    async (request) => rosterStats(db, scopeOf(request).districtId),
  );
}
