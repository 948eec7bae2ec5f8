// Writes of the team day board. Unlike `api()`, a refusal keeps its problem body: the
// board lists a 409's broken rules and a 422's problems instead of one line of text.
import { csrfHeaders, redirectToSignIn } from '../../api.ts';

export interface Problem {
  status: number;
  detail: string;
  warnings?: { rule: string; message: string }[];
  problems?: { rule: string; message: string }[];
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}

export async function send<T>(method: 'POST' | 'PUT', path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...csrfHeaders() },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (response.status === 401) redirectToSignIn();
  const text = await response.text();
  if (!response.ok) throw new ProblemError(readProblem(response.status, text));
  return JSON.parse(text) as T;
}

function readProblem(status: number, text: string): Problem {
  try {
    const body = JSON.parse(text) as Partial<Problem> & { title?: string; message?: string };
    return { ...body, status, detail: body.detail ?? body.message ?? body.title ?? `The request failed (HTTP ${status}).` };
  } catch {
    return { status, detail: status >= 500 ? 'The server had a problem. Try again in a moment.' : `The request failed (HTTP ${status}).` };
  }
}

export const teamPath = (team: string) => `/api/teams/${encodeURIComponent(team)}`;
export const planPath = (team: string, date: string) => `${teamPath(team)}/plans/${encodeURIComponent(date)}`;
