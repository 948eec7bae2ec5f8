/**
 * Integrations: the credentials learning programs send xAPI statements to /xapi
 * with. A district admin creates one (the secret is in that response only),
 * lists them and revokes them.
 */
import { Type, type Static } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { createIntegration, listIntegrations, MAX_INTEGRATION_NAME, revokeIntegration } from '../../db/integrations.ts';
import { accountOf, scopeOf } from '../plugins/auth.ts';
import { Problem } from '../problem.ts';
import { Items, problems } from '../schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const Integration = Type.Object({
  id: Type.String(),
  name: Type.String(),
  key: Type.String({ description: 'the HTTP Basic user name' }),
  createdAt: Type.String(),
  createdBy: Type.String(),
  revokedAt: NullableString,
  lastUsedAt: NullableString,
});

const NewIntegration = Type.Object({ name: Type.String({ minLength: 1, maxLength: MAX_INTEGRATION_NAME, pattern: '\\S' }) });
const CreatedIntegration = Type.Object({
  integration: Integration,
  secret: Type.String({ description: 'the HTTP Basic password; shown only in this response' }),
});
const IntegrationParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-fA-F-]{36}$' }) });

export function integrationRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/integrations',
    {
      config: { access: ACCESS.districtAdmin },
      schema: { tags: ['integrations'], summary: "Your district's xAPI credentials, live ones first", response: { 200: Items(Integration), ...problems(401, 403) } },
    },
    async (request) => ({ items: await listIntegrations(db, scopeOf(request).districtId) }),
  );

  app.post(
    '/api/integrations',
    {
      config: { access: ACCESS.districtAdmin },
      schema: {
        tags: ['integrations'],
        summary: 'Create an xAPI credential for a learning program; the secret is returned only here',
        body: NewIntegration,
        response: { 201: CreatedIntegration, ...problems(400, 401, 403) },
      },
    },
    async (request: FastifyRequest<{ Body: Static<typeof NewIntegration> }>, reply) => {
      const created = await createIntegration(db, {
        districtId: scopeOf(request).districtId,
        name: request.body.name,
        createdBy: accountOf(request).email,
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/integrations/:id',
    {
      config: { access: ACCESS.districtAdmin },
      schema: {
        tags: ['integrations'],
        summary: 'Revoke an xAPI credential: requests with it are refused from now on',
        params: IntegrationParams,
        response: { 200: Integration, ...problems(401, 403, 404) },
      },
    },
    async (request: FastifyRequest<{ Params: Static<typeof IntegrationParams> }>) => {
      const revoked = await revokeIntegration(db, scopeOf(request).districtId, request.params.id);
      if (!revoked) throw new Problem(404, 'There is no integration with that id in your district.');
      return revoked;
    },
  );
}
