import { Type } from '@fastify/type-provider-typebox';
import { ACCESS, type Api, type RouteContext } from './types.ts';

export function healthRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/health',
    {
      config: { access: ACCESS.anyone },
      schema: {
        tags: ['system'],
        summary: 'Whether the server and its database answer',
        response: { 200: Type.Object({ status: Type.Literal('ok'), engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]) }) },
      },
    },
    async () => {
      await db.query('select 1');
      return { status: 'ok' as const, engine: db.engine };
    },
  );
}
