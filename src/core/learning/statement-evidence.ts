/**
 * From a stored xAPI statement to evidence: who (the actor, a student of the
 * district), what (the activity, through the activity map or as a CASE skill),
 * and how it went (result.success, else the score against a threshold). A
 * statement that cannot say all three maps to nothing, with the reason, so the
 * district can see what is unmapped instead of losing it. Pure.
 */
import { trailingIdentifier, type SkillDirectory } from './skills.ts';
import type { StudentDirectory, StudentMatch } from './students.ts';

export type UnmappedReason = 'no student' | 'no skill' | 'no result';
export const UNMAPPED_REASONS: readonly UnmappedReason[] = ['no result', 'no student', 'no skill'];

/** Score at or above which a scored attempt counts as correct, when the source gives no success flag. */
export const DEFAULT_THRESHOLD = 0.8;

export interface EvidenceDraft {
  studentSourcedId: string;
  skillId: string;
  /** ISO 8601 timestamp. */
  occurredAt: string;
  correct: boolean;
  /** Scaled to 0..1, or null when the source gave only right or wrong. */
  score: number | null;
}

/** What the unmapped summary groups by. */
export interface StatementFacts {
  activityId: string | null;
  platform: string | null;
  /** The actor as written: `NAME (HOMEPAGE)`, `mailto:...`, the hash or the openid. */
  actor: string | null;
  occurredAt: string | null;
}

export type StatementOutcome =
  | { facts: StatementFacts; evidence: EvidenceDraft[] }
  | { facts: StatementFacts; reason: UnmappedReason; detail: string };

export interface ActivitySkill {
  /** '' when the mapping holds for every program. */
  program: string;
  activity: string;
  skillId: string;
}

/** Skills of an activity: the program's own mapping first, else the mapping for every program. */
export type ActivityLookup = (activity: string, program: string | null) => string[];

export function activityLookup(rows: readonly ActivitySkill[]): ActivityLookup {
  const map = new Map<string, string[]>();
  for (const row of rows) {
    const key = `${row.program.trim().toLowerCase()}\u0000${row.activity}`;
    const skills = map.get(key);
    if (skills) skills.push(row.skillId);
    else map.set(key, [row.skillId]);
  }
  return (activity, program) => {
    const own = program ? map.get(`${program.trim().toLowerCase()}\u0000${activity}`) : undefined;
    return own ?? map.get(`\u0000${activity}`) ?? [];
  };
}

export interface StatementLookups {
  students: StudentDirectory;
  skills: SkillDirectory;
  activities: ActivityLookup;
  threshold: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

function describeActor(actor: unknown): string | null {
  if (!isObject(actor)) return null;
  const account = isObject(actor.account) ? actor.account : null;
  if (account && text(account.name)) return text(account.homePage) ? `${text(account.name)} (${text(account.homePage)})` : text(account.name);
  return text(actor.mbox) ?? text(actor.mbox_sha1sum) ?? text(actor.openid) ?? (actor.objectType === 'Group' ? 'Group' : null);
}

function findStudent(actor: unknown, students: StudentDirectory): StudentMatch {
  if (!isObject(actor)) return { problem: 'the statement has no actor' };
  if (actor.objectType === 'Group') return { problem: 'the actor is a group: evidence is per student' };
  const account = isObject(actor.account) ? actor.account : null;
  const name = account ? text(account.name) : null;
  if (name) return students.find(name);
  const mbox = text(actor.mbox);
  if (mbox) return students.findEmail(mbox.replace(/^mailto:/i, ''));
  const sha1 = text(actor.mbox_sha1sum);
  if (sha1) return students.findEmailSha1(sha1);
  return { problem: 'the actor has no account name, mbox or mbox_sha1sum Trellis can match' };
}

function contextActivityIds(statement: Json): string[] {
  const context = isObject(statement.context) ? statement.context : null;
  const lists = context && isObject(context.contextActivities) ? context.contextActivities : null;
  if (!lists) return [];
  const ids: string[] = [];
  for (const kind of ['parent', 'grouping', 'category', 'other']) {
    const list = lists[kind];
    // A single activity is allowed in place of a list (xAPI 1.0.0).
    for (const activity of Array.isArray(list) ? list : [list]) {
      const id = isObject(activity) ? text(activity.id) : null;
      if (id) ids.push(id);
    }
  }
  return ids;
}

function findSkills(statement: Json, activityId: string | null, platform: string | null, lookups: StatementLookups): string[] {
  if (activityId) {
    const mapped = lookups.activities(activityId, platform);
    if (mapped.length > 0) return [...new Set(mapped)];
    const skill = lookups.skills.findActivity(activityId);
    if ('id' in skill) return [skill.id];
  }
  // Programs may align an item to a standard through its context instead.
  const aligned = new Set<string>();
  for (const id of contextActivityIds(statement)) {
    const skill = lookups.skills.findActivity(id);
    if ('id' in skill) aligned.add(skill.id);
  }
  return [...aligned];
}

/** The scaled score: `score.scaled`, else `raw` within `min`..`max`; clamped to 0..1. */
export function scaledScore(score: unknown): number | null {
  if (!isObject(score)) return null;
  const scaled = number(score.scaled);
  if (scaled !== null) return clamp01(scaled);
  const raw = number(score.raw);
  const max = number(score.max);
  const min = number(score.min) ?? 0;
  if (raw === null || max === null || max <= min) return null;
  return clamp01((raw - min) / (max - min));
}

function validTime(value: unknown): string | null {
  const time = text(value);
  return time && !Number.isNaN(Date.parse(time)) ? new Date(time).toISOString() : null;
}

/** What a batch of statements needs looked up: so a batch loads the students and skills it names, not the district's all. */
export interface LookupKeys {
  /** Account names: sourcedIds, identifiers, usernames or emails. */
  names: string[];
  /** From mbox, lower-case, without mailto:. */
  emails: string[];
  /** Some actor is known only by mbox_sha1sum: every student's email must be hashed. */
  hashedEmails: boolean;
  /** Object and context activity ids. */
  activities: string[];
  /** CASE identifiers at the end of those ids, lower-case. */
  identifiers: string[];
}

export function lookupKeys(statements: readonly unknown[]): LookupKeys {
  const names = new Set<string>();
  const emails = new Set<string>();
  const activities = new Set<string>();
  const identifiers = new Set<string>();
  let hashedEmails = false;
  const addActivity = (id: string | null) => {
    if (!id) return;
    activities.add(id);
    const identifier = trailingIdentifier(id);
    if (identifier) identifiers.add(identifier);
  };
  for (const statement of statements) {
    if (!isObject(statement)) continue;
    const actor = isObject(statement.actor) ? statement.actor : {};
    const account = isObject(actor.account) ? actor.account : null;
    const name = account ? text(account.name) : null;
    const mbox = text(actor.mbox);
    if (name) names.add(name);
    else if (mbox) emails.add(mbox.replace(/^mailto:/i, '').toLowerCase());
    else if (text(actor.mbox_sha1sum)) hashedEmails = true;
    const object = isObject(statement.object) ? statement.object : null;
    if (object && (object.objectType === undefined || object.objectType === 'Activity')) addActivity(text(object.id));
    for (const id of contextActivityIds(statement)) addActivity(id);
  }
  return { names: [...names], emails: [...emails], hashedEmails, activities: [...activities], identifiers: [...identifiers] };
}

/**
 * Evidence from one statement, or why there is none. `statement` is the stored
 * statement JSON; its `timestamp` is when the attempt happened, else `stored`.
 */
export function statementEvidence(statement: unknown, lookups: StatementLookups): StatementOutcome {
  const s = isObject(statement) ? statement : {};
  const object = isObject(s.object) ? s.object : null;
  const isActivity = object !== null && (object.objectType === undefined || object.objectType === 'Activity');
  const activityId = isActivity ? text(object.id) : null;
  const context = isObject(s.context) ? s.context : null;
  const platform = context ? text(context.platform) : null;
  const facts: StatementFacts = {
    activityId,
    platform,
    actor: describeActor(s.actor),
    occurredAt: validTime(s.timestamp) ?? validTime(s.stored),
  };

  const result = isObject(s.result) ? s.result : null;
  const success = typeof result?.success === 'boolean' ? result.success : null;
  const score = scaledScore(result?.score);
  if (success === null && score === null) {
    return { facts, reason: 'no result', detail: 'the statement has neither result.success nor a score' };
  }
  if (!facts.occurredAt) return { facts, reason: 'no result', detail: 'the statement has no valid timestamp' };

  const student = findStudent(s.actor, lookups.students);
  if ('problem' in student) return { facts, reason: 'no student', detail: student.problem };

  const skills = findSkills(s, activityId, platform, lookups);
  if (skills.length === 0) {
    const detail = activityId
      ? 'the activity is not in the activity map and is no CASE skill of the district'
      : 'the object is not an activity';
    return { facts, reason: 'no skill', detail };
  }

  const correct = success ?? score! >= lookups.threshold;
  return {
    facts,
    evidence: skills.map((skillId) => ({ studentSourcedId: student.sourcedId, skillId, occurredAt: facts.occurredAt!, correct, score })),
  };
}
