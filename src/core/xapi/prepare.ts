/**
 * What the LRS does to a valid statement before storing it (xAPI 1.0.3 Data 2.4):
 * assign an id if it has none, set stored and authority, default timestamp and
 * version, and list single context activities as arrays. Also works out the
 * columns the statement is found by. Pure.
 */
import { ifiOf, ifisOf } from './agents.ts';
import { parseTimestamp } from './formats.ts';
import { VOIDED_VERB, type JsonObject } from './types.ts';

/** The version stored with a statement that names none (xAPI: "1.0.0"). */
export const DEFAULT_STATEMENT_VERSION = '1.0.0';

export interface Assigned {
  /** The id to give a statement without one. */
  id: string;
  /** When the LRS stored it, ISO 8601 in UTC with milliseconds. */
  stored: string;
  /** The agent the credential stands for. */
  authority: JsonObject;
}

/**
 * The statement as the LRS stores and returns it ("exact" format). The input is
 * left as received (a group commit that fails stores each request again from
 * it): the top level is copied, and so is any nested part that changes. A deep
 * copy of every statement had been a tenth of the store's time.
 */
export function prepareStatement(input: JsonObject, assigned: Assigned): JsonObject {
  const statement = withListedContextActivities({ ...input });
  statement.id = typeof statement.id === 'string' ? statement.id.toLowerCase() : assigned.id;
  statement.stored = assigned.stored;
  statement.authority = assigned.authority;
  if (statement.timestamp === undefined) statement.timestamp = assigned.stored;
  if (statement.version === undefined) statement.version = DEFAULT_STATEMENT_VERSION;
  if (isSubStatement(statement.object)) statement.object = withListedContextActivities(statement.object);
  return statement;
}

function isSubStatement(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && (value as JsonObject).objectType === 'SubStatement';
}

/**
 * contextActivities.parent etc. may be one Activity or an array; the LRS returns
 * arrays. The statement itself when all are arrays already, else a copy whose
 * context and contextActivities are new objects (the rest is shared).
 */
export function withListedContextActivities(statement: JsonObject): JsonObject {
  const context = statement.context as JsonObject | undefined;
  const activities = context?.contextActivities as JsonObject | undefined;
  if (!activities || Object.values(activities).every(Array.isArray)) return statement;
  const listed: JsonObject = {};
  for (const [key, value] of Object.entries(activities)) listed[key] = Array.isArray(value) ? value : [value];
  return { ...statement, context: { ...context, contextActivities: listed } };
}

/** The columns a stored statement is filtered and ordered by. */
export interface StatementIndex {
  id: string;
  verbId: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  actorIfi: string | null;
  objectType: string;
  objectActivityId: string | null;
  objectAgentIfi: string | null;
  objectStatementId: string | null;
  registration: string | null;
  isVoiding: boolean;
  /** The object activity, the context activities, and those of a SubStatement. */
  relatedActivityIds: string[];
  /** Actor, object, authority, instructor, team (and group members), and those of a SubStatement. */
  relatedAgentIfis: string[];
}

export function indexStatement(statement: JsonObject): StatementIndex {
  const object = statement.object as JsonObject;
  const objectType = (object.objectType as string | undefined) ?? 'Activity';
  const activities = new Set<string>();
  const agents = new Set<string>();
  collectRelated(statement, activities, agents);
  if (statement.authority) for (const ifi of ifisOf(statement.authority as JsonObject)) agents.add(ifi);
  const context = statement.context as JsonObject | undefined;
  const registration = typeof context?.registration === 'string' ? context.registration.toLowerCase() : null;
  return {
    id: statement.id as string,
    verbId: (statement.verb as JsonObject).id as string,
    timestamp: parseTimestamp(statement.timestamp)!,
    actorIfi: ifiOf(statement.actor as JsonObject),
    objectType,
    objectActivityId: objectType === 'Activity' ? (object.id as string) : null,
    objectAgentIfi: objectType === 'Agent' || objectType === 'Group' ? ifiOf(object) : null,
    objectStatementId: objectType === 'StatementRef' ? (object.id as string).toLowerCase() : null,
    registration,
    isVoiding: (statement.verb as JsonObject).id === VOIDED_VERB,
    relatedActivityIds: [...activities],
    relatedAgentIfis: [...agents],
  };
}

function collectRelated(statement: JsonObject, activities: Set<string>, agents: Set<string>): void {
  for (const ifi of ifisOf(statement.actor as JsonObject)) agents.add(ifi);
  const object = statement.object as JsonObject;
  const objectType = object.objectType ?? 'Activity';
  if (objectType === 'Activity') activities.add(object.id as string);
  if (objectType === 'Agent' || objectType === 'Group') for (const ifi of ifisOf(object)) agents.add(ifi);
  if (objectType === 'SubStatement') collectRelated(object, activities, agents);
  const context = statement.context as JsonObject | undefined;
  if (!context) return;
  for (const key of ['instructor', 'team']) {
    if (context[key]) for (const ifi of ifisOf(context[key] as JsonObject)) agents.add(ifi);
  }
  const contextActivities = (context.contextActivities ?? {}) as JsonObject;
  for (const list of Object.values(contextActivities)) {
    for (const activity of Array.isArray(list) ? list : [list]) activities.add((activity as JsonObject).id as string);
  }
}
