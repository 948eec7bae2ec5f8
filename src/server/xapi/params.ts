/** Reading and checking the query parameters of the xAPI resources; each problem is a 400 with a message. */
import { ifiOf } from '../../core/xapi/agents.ts';
import { isIri, isTimestamp, isUuid } from '../../core/xapi/formats.ts';
import type { JsonObject } from '../../core/xapi/types.ts';
import { InvalidStatement, validateActor } from '../../core/xapi/validate.ts';
import { Problem } from '../problem.ts';

const bad = (detail: string) => new Problem(400, detail);

/** Refuses parameters the resource does not define (xAPI: 400 for an unrecognised parameter, names are case-sensitive). */
export function onlyParams(params: Record<string, string>, allowed: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) throw bad(`The parameter "${name}" is not one this resource takes (${allowed.join(', ') || 'none'}).`);
  }
}

export function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw bad(`The parameter "${name}" is required.`);
  return value;
}

export function iriParam(params: Record<string, string>, name: string, isRequired: boolean): string | undefined {
  const value = isRequired ? required(params, name) : params[name];
  if (value !== undefined && !isIri(value)) throw bad(`The parameter "${name}" must be an absolute IRI (got "${String(value).slice(0, 80)}").`);
  return value;
}

export function uuidParam(params: Record<string, string>, name: string): string | undefined {
  const value = params[name];
  if (value !== undefined && !isUuid(value)) throw bad(`The parameter "${name}" must be a UUID.`);
  return value?.toLowerCase();
}

export function timestampParam(params: Record<string, string>, name: string): string | undefined {
  const value = params[name];
  if (value !== undefined && !isTimestamp(value)) throw bad(`The parameter "${name}" must be an ISO 8601 timestamp such as 2015-09-15T15:53:00Z.`);
  return value;
}

export function booleanParam(params: Record<string, string>, name: string): boolean {
  const value = params[name];
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false') throw bad(`The parameter "${name}" must be true or false.`);
  return value === 'true';
}

/** An agent (or identified group) given as JSON in a parameter: its IFI string and the object. */
export function agentParam(params: Record<string, string>, name: string, isRequired: boolean): { ifi: string; agent: JsonObject } | undefined {
  const text = isRequired ? required(params, name) : params[name];
  if (text === undefined) return undefined;
  let agent: unknown;
  try {
    agent = JSON.parse(text);
  } catch {
    throw bad(`The parameter "${name}" must be an Agent as JSON, such as {"mbox":"mailto:ann@example.org"}.`);
  }
  try {
    validateActor(agent, name);
  } catch (error) {
    if (error instanceof InvalidStatement) throw bad(`The parameter ${error.message}.`);
    throw error;
  }
  const ifi = ifiOf(agent as JsonObject);
  if (!ifi) throw bad(`The parameter "${name}" must identify an Agent or Group by mbox, mbox_sha1sum, openid or account.`);
  return { ifi, agent: agent as JsonObject };
}
