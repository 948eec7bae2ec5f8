/** Helpers for the LRS tests: a district with a credential, a client that speaks xAPI, statements to send. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Sql } from '../../../src/db/database.ts';
import { createIntegration } from '../../../src/db/integrations.ts';

export interface Credential {
  districtId: string;
  integrationId: string;
  key: string;
  secret: string;
}

/** A bare district (no roster) with one integration credential. */
export async function districtWithCredential(sql: Sql, name: string): Promise<Credential> {
  const { rows } = await sql.query<{ id: string }>(`insert into districts (sourced_id, name) values ($1, $2) returning id`, [`d-${randomUUID()}`, name]);
  const districtId = rows[0]!.id;
  const { integration, secret } = await createIntegration(sql, { districtId, name: `${name} program`, createdBy: 'test' });
  return { districtId, integrationId: integration.id, key: integration.key, secret };
}

export const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

type Method = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

export interface LrsClient {
  request(method: Method, url: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** Sends requests with the credential and the version header; JSON bodies unless a Buffer or string is given. */
export function lrsClient(app: FastifyInstance, credential: { key: string; secret: string }): LrsClient {
  const request: LrsClient['request'] = (method, url, options = {}) => {
    const headers: Record<string, string> = {
      authorization: basic(credential.key, credential.secret),
      'x-experience-api-version': '1.0.3',
      ...options.headers,
    };
    let payload: string | Buffer | undefined;
    if (options.body !== undefined) {
      if (Buffer.isBuffer(options.body) || typeof options.body === 'string') payload = options.body;
      else payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    return app.inject({ method, url, headers, payload });
  };
  return {
    request,
    get: (url, headers) => request('GET', url, { headers }),
    post: (url, body, headers) => request('POST', url, { body, headers }),
    put: (url, body, headers) => request('PUT', url, { body, headers }),
    delete: (url, headers) => request('DELETE', url, { headers }),
  };
}

export const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';
export const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

/** A valid statement; `overrides` replace top-level properties. */
export function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actor: { objectType: 'Agent', name: 'Ana Diaz', account: { homePage: 'https://sis.example.org', name: 'stu-1' } },
    verb: { id: ANSWERED, display: { 'en-US': 'answered', 'es-ES': 'respondió' } },
    object: {
      objectType: 'Activity',
      id: 'https://mathpath.example/items/frac-1',
      definition: { name: { 'en-US': 'Fractions 1' }, type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: 'choice', choices: [{ id: 'a', description: { 'en-US': 'one half' } }], correctResponsesPattern: ['a'] },
    },
    result: { success: true, score: { scaled: 0.8, raw: 8, min: 0, max: 10 }, duration: 'PT45S' },
    context: { platform: 'MathPath', registration: randomUUID() },
    timestamp: '2025-03-04T14:05:06.123Z',
    ...overrides,
  };
}

export function problemDetail(response: LightMyRequestResponse): string {
  return (response.json() as { detail: string }).detail;
}
