// The one way the web app talks to the server: JSON, same-origin cookies, the CSRF
// header on state-changing requests, problem+json errors turned into ApiError.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly title?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Set from `GET /api/me` or the sign-in response; cleared on sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Send the browser to the sign-in page on 401 (default). Sign-in itself turns this off. */
  redirectOn401?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (STATE_CHANGING.has(method)) Object.assign(headers, csrfHeaders());

  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });

  if (response.status === 401 && options.redirectOn401 !== false) redirectToSignIn();
  if (!response.ok) throw problemToError(response.status, await response.text());
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Reads a problem+json body (or anything else) into an error a person can act on. */
export function problemToError(status: number, body: string): ApiError {
  try {
    const problem = JSON.parse(body) as { title?: string; detail?: string; message?: string };
    const message = problem.detail ?? problem.message ?? problem.title;
    if (message) return new ApiError(status, message, problem.title);
  } catch {
    // Not JSON: fall through to a generic message.
  }
  return new ApiError(status, fallbackMessage(status));
}

function fallbackMessage(status: number): string {
  if (status === 404) return 'Not found.';
  if (status === 403) return 'You do not have access to this.';
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

export function redirectToSignIn(): void {
  if (window.location.pathname === '/sign-in') return;
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/sign-in?next=${encodeURIComponent(next)}`);
}

/** Builds `path?key=value` from the defined, non-empty values. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
