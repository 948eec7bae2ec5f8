/**
 * Every error leaves as application/problem+json with a message a person can act
 * on. Unexpected errors are logged here and answered with a generic message: no
 * stack traces or internals reach the client.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem, problemBody } from '../problem.ts';

export function sendProblem(reply: FastifyReply, status: number, detail: string, headers: Record<string, string> = {}) {
  return reply
    .code(status)
    .headers(headers)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify(problemBody(status, detail)));
}

const WHERE: Record<string, string> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'field',
  headers: 'header',
};

/** "The query parameter limit must be integer." from Ajv's first complaint. */
function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return 'The request is not valid.';
  const where = WHERE[error.validationContext ?? ''] ?? 'value';
  const params = first.params as { missingProperty?: string; additionalProperty?: string };
  if (params.missingProperty) return `The ${where} "${params.missingProperty}" is required.`;
  if (params.additionalProperty) return `The ${where} "${params.additionalProperty}" is not recognised.`;
  const name = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
  return name ? `The ${where} "${name}" ${first.message ?? 'is not valid'}.` : `The ${where}s ${first.message ?? 'are not valid'}.`;
}

function handleError(error: FastifyError | Problem, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof Problem) return sendProblem(reply, error.status, error.detail, error.headers);
  if (error.validation) return sendProblem(reply, 400, validationMessage(error));
  const status = error.statusCode ?? 500;
  // Fastify's and its plugins' own 4xx errors (bad JSON, too large, wrong content type) have plain messages.
  if (status >= 400 && status < 500) return sendProblem(reply, status, error.message);
  request.log.error({ err: error }, 'request failed');
  return sendProblem(reply, 500, 'Something went wrong on the server. It has been logged; try again, and tell your administrator if it keeps happening.');
}

/** Installs the problem+json error handler on the root instance (so every route has it). */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
}
