import { STATUS_CODES } from 'node:http';

/** An error a handler throws to answer with a problem+json response whose detail a person can act on. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
}

export function problemBody(status: number, detail: string): ProblemBody {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
}

export const notFound = (what: string) => new Problem(404, `There is no ${what} with that id, or it is not in your scope.`);
