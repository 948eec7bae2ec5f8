/**
 * The three shapes a statement is returned in (xAPI 1.0.3 Communication 2.1.3):
 * `exact` as stored, `ids` with agents, groups, activities and verbs reduced to
 * their identifiers, and `canonical` with every language map reduced to the
 * one language the reader prefers (Accept-Language). Pure.
 */
import { agentIds } from './agents.ts';
import type { Json, JsonObject } from './types.ts';

export type StatementFormat = 'exact' | 'ids' | 'canonical';

export function formatStatement(statement: JsonObject, format: StatementFormat, languages: string[] = []): JsonObject {
  if (format === 'exact') return statement;
  const copy = structuredClone(statement);
  if (format === 'ids') idsOnly(copy);
  else pickLanguages(copy, languages);
  return copy;
}

function idsOnly(statement: JsonObject): void {
  statement.actor = agentIds(statement.actor as JsonObject);
  statement.verb = { id: (statement.verb as JsonObject).id! };
  const object = statement.object as JsonObject;
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity') statement.object = { id: object.id! };
  else if (type === 'Agent' || type === 'Group') statement.object = agentIds(object);
  else if (type === 'SubStatement') idsOnly(object);
  if (statement.authority) statement.authority = agentIds(statement.authority as JsonObject);
  const context = statement.context as JsonObject | undefined;
  if (!context) return;
  if (context.instructor) context.instructor = agentIds(context.instructor as JsonObject);
  if (context.team) context.team = agentIds(context.team as JsonObject);
  const activities = context.contextActivities as JsonObject | undefined;
  if (activities) {
    for (const [key, list] of Object.entries(activities)) {
      activities[key] = (list as Json[]).map((a) => ({ id: (a as JsonObject).id! }));
    }
  }
}

const LANGUAGE_MAP_KEYS = new Set(['display', 'name', 'description']);

/** Replaces every language map in place by a map of its best language only. */
function pickLanguages(value: Json, languages: string[], key = ''): Json {
  if (Array.isArray(value)) {
    value.forEach((item, i) => (value[i] = pickLanguages(item, languages)));
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (LANGUAGE_MAP_KEYS.has(key) && Object.values(value).every((v) => typeof v === 'string')) {
    const chosen = chooseLanguage(Object.keys(value), languages);
    return chosen === null ? value : { [chosen]: value[chosen]! };
  }
  for (const k of Object.keys(value)) {
    if (k === 'extensions') continue;
    value[k] = pickLanguages(value[k]!, languages, k);
  }
  return value;
}

/**
 * The tag of `available` that best matches the preferences: an exact match, then
 * the same primary language (en for en-GB), then the first available tag.
 */
export function chooseLanguage(available: string[], preferred: string[]): string | null {
  if (available.length === 0) return null;
  const lower = available.map((tag) => tag.toLowerCase());
  for (const wanted of preferred.map((tag) => tag.toLowerCase())) {
    if (wanted === '*') return available[0]!;
    const exact = lower.indexOf(wanted);
    if (exact >= 0) return available[exact]!;
    const primary = wanted.split('-')[0]!;
    const related = lower.findIndex((tag) => tag === primary || tag.startsWith(`${primary}-`));
    if (related >= 0) return available[related]!;
  }
  return available[0]!;
}

/** The language tags of an Accept-Language header, most preferred first. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag!.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}
