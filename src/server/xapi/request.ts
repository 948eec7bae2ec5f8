/**
 * One shape for an xAPI request, whether it came as itself or in the Alternate
 * Request Syntax (xAPI 1.0.3 Communication 1.3): a POST with `?method=PUT` whose
 * url-encoded form carries the headers, the parameters and the body (`content`).
 */
import type { FastifyRequest } from 'fastify';
import { Problem } from '../problem.ts';

export type XapiMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

export interface XapiRequest {
  method: XapiMethod;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  params: Record<string, string>;
  body: Buffer;
  /** The media type alone, lower case: "application/json". */
  mediaType: string;
  /** The whole Content-Type header (with boundary or charset). */
  contentType: string;
}

// Form fields the Alternate Request Syntax treats as headers.
const FORM_HEADERS = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match'];
const METHODS: readonly XapiMethod[] = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function singleValues(query: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value)) throw new Problem(400, `The parameter "${name}" is given more than once.`);
    params[name] = String(value);
  }
  return params;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function readXapiRequest(request: FastifyRequest): XapiRequest {
  const query = singleValues(request.query);
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = headerValue(value);
  const method = request.method as XapiMethod;

  if (!('method' in query)) {
    if (!METHODS.includes(method)) throw new Problem(405, `The method ${request.method} is not allowed here.`);
    return { method, headers, params: query, body, mediaType: mediaTypeOf(headers['content-type']), contentType: headers['content-type'] ?? '' };
  }
  return readAlternateSyntax(method, query, headers, body);
}

function readAlternateSyntax(method: string, query: Record<string, string>, headers: Record<string, string | undefined>, body: Buffer): XapiRequest {
  if (method !== 'POST') throw new Problem(400, 'The Alternate Request Syntax (?method=...) must be sent as a POST.');
  const extra = Object.keys(query).filter((name) => name !== 'method');
  if (extra.length > 0) {
    throw new Problem(400, `In the Alternate Request Syntax only "method" may be in the query string; send ${extra.join(', ')} in the form body.`);
  }
  const target = query.method!.toUpperCase() as XapiMethod;
  if (!['GET', 'PUT', 'POST', 'DELETE'].includes(target)) throw new Problem(400, `The Alternate Request Syntax method must be GET, PUT, POST or DELETE, not "${query.method}".`);
  if (mediaTypeOf(headers['content-type']) !== 'application/x-www-form-urlencoded') {
    throw new Problem(400, 'The Alternate Request Syntax needs the Content-Type application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(body.toString('utf8'));
  const merged = { ...headers };
  const params: Record<string, string> = {};
  let content: string | undefined;
  let contentType = 'application/json';
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (lower === 'content-type') contentType = value;
    if (FORM_HEADERS.includes(lower)) merged[lower] = value;
    else if (name === 'content') content = value;
    else if (name in params) throw new Problem(400, `The form parameter "${name}" is given more than once.`);
    else params[name] = value;
  }
  if ((target === 'PUT' || target === 'POST') && content === undefined) {
    throw new Problem(400, 'The Alternate Request Syntax needs the request body in the form parameter "content".');
  }
  // Without a Content-Type field the content is taken as JSON, what statements and most documents are.
  merged['content-type'] = contentType;
  return {
    method: target,
    headers: merged,
    params,
    body: Buffer.from(content ?? '', 'utf8'),
    mediaType: mediaTypeOf(contentType),
    contentType,
  };
}
