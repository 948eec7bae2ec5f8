/**
 * Checks a statement against xAPI 1.0.3 (Data, sections 2 and 4) and says what is
 * wrong where: `statement.context.platform is only allowed when the object is an
 * Activity`. The LRS answers 400 with that message. Pure.
 */
import {
  isDuration,
  isIri,
  isLanguageTag,
  isMbox,
  isSha1Hex,
  isSha2Hex,
  isSupportedVersion,
  isTimestamp,
  isUuid,
} from './formats.ts';
import { VOIDED_VERB, type JsonObject } from './types.ts';

export class InvalidStatement extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStatement';
  }
}

function fail(path: string, problem: string): never {
  throw new InvalidStatement(`${path} ${problem}`);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectObject(value: unknown, path: string, what: string): JsonObject {
  if (!isObject(value)) fail(path, `must be ${what} (a JSON object)`);
  return value;
}

function onlyKeys(value: JsonObject, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`${path}.${key}`, `is not a property xAPI allows here (allowed: ${allowed.join(', ')})`);
  }
}

function has(value: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

function string(value: JsonObject, key: string, path: string, required = false): void {
  if (!has(value, key)) {
    if (required) fail(`${path}.${key}`, 'is required');
    return;
  }
  if (typeof value[key] !== 'string') fail(`${path}.${key}`, 'must be a string');
}

function iri(value: JsonObject, key: string, path: string, required = false): void {
  if (!has(value, key)) {
    if (required) fail(`${path}.${key}`, 'is required');
    return;
  }
  if (!isIri(value[key])) fail(`${path}.${key}`, `must be an absolute IRI such as https://example.org/thing (got ${show(value[key])})`);
}

function uuid(value: JsonObject, key: string, path: string, required = false): void {
  if (!has(value, key)) {
    if (required) fail(`${path}.${key}`, 'is required');
    return;
  }
  if (!isUuid(value[key])) fail(`${path}.${key}`, `must be a UUID such as 3c8e3fa2-0f6e-4d4a-9b1f-6b8c2f0e9a11 (got ${show(value[key])})`);
}

function boolean(value: JsonObject, key: string, path: string): void {
  if (has(value, key) && typeof value[key] !== 'boolean') fail(`${path}.${key}`, 'must be true or false');
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function languageMap(value: unknown, path: string): void {
  const map = expectObject(value, path, 'a language map');
  for (const [tag, text] of Object.entries(map)) {
    if (!isLanguageTag(tag)) fail(path, `has the key ${show(tag)}, which is not an RFC 5646 language tag (such as en-US)`);
    if (typeof text !== 'string') fail(`${path}.${tag}`, 'must be a string');
  }
}

function extensions(value: unknown, path: string): void {
  const map = expectObject(value, path, 'an extensions map');
  for (const key of Object.keys(map)) {
    if (!isIri(key)) fail(path, `has the key ${show(key)}, which is not an IRI`);
  }
}

const AGENT_KEYS = ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const GROUP_KEYS = [...AGENT_KEYS, 'member'] as const;
const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

/** Checks an inverse functional identifier (one of mbox, mbox_sha1sum, openid, account); returns how many were given. */
function identifiers(value: JsonObject, path: string): number {
  const given = IFI_KEYS.filter((key) => has(value, key));
  if (has(value, 'mbox') && !isMbox(value.mbox)) fail(`${path}.mbox`, `must be "mailto:" and an email address (got ${show(value.mbox)})`);
  if (has(value, 'mbox_sha1sum') && !isSha1Hex(value.mbox_sha1sum)) fail(`${path}.mbox_sha1sum`, 'must be the 40 hex digits of a SHA-1 sum');
  if (has(value, 'openid')) iri(value, 'openid', path);
  if (has(value, 'account')) {
    const account = expectObject(value.account, `${path}.account`, 'an account');
    onlyKeys(account, `${path}.account`, ['homePage', 'name']);
    iri(account, 'homePage', `${path}.account`, true);
    string(account, 'name', `${path}.account`, true);
  }
  if (given.length > 1) fail(path, `must have exactly one identifier, not ${given.join(' and ')}`);
  return given.length;
}

export function validateAgent(value: unknown, path: string): void {
  const agent = expectObject(value, path, 'an Agent');
  onlyKeys(agent, path, AGENT_KEYS);
  if (has(agent, 'objectType') && agent.objectType !== 'Agent') fail(`${path}.objectType`, 'must be "Agent"');
  string(agent, 'name', path);
  if (identifiers(agent, path) === 0) fail(path, 'must have one identifier: mbox, mbox_sha1sum, openid or account');
}

export function validateGroup(value: unknown, path: string): void {
  const group = expectObject(value, path, 'a Group');
  onlyKeys(group, path, GROUP_KEYS);
  if (group.objectType !== 'Group') fail(`${path}.objectType`, 'must be "Group"');
  string(group, 'name', path);
  const identified = identifiers(group, path) > 0;
  if (!identified && !has(group, 'member')) fail(path, 'is an anonymous Group (no identifier) and so must list its member Agents');
  if (has(group, 'member')) {
    if (!Array.isArray(group.member)) fail(`${path}.member`, 'must be an array of Agents');
    if (!identified && group.member.length === 0) fail(`${path}.member`, 'of an anonymous Group must list at least one Agent');
    group.member.forEach((member, i) => validateAgent(member, `${path}.member[${i}]`));
  }
}

/** An Agent, or a Group when objectType says so. */
export function validateActor(value: unknown, path: string): void {
  const actor = expectObject(value, path, 'an Agent or a Group');
  if (actor.objectType === 'Group') validateGroup(actor, path);
  else validateAgent(actor, path);
}

function verb(value: unknown, path: string): void {
  const v = expectObject(value, path, 'a Verb');
  onlyKeys(v, path, ['id', 'display']);
  iri(v, 'id', path, true);
  if (has(v, 'display')) languageMap(v.display, `${path}.display`);
}

const INTERACTION_TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'];
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const;
const COMPONENTS_OF: Record<string, readonly string[]> = {
  choice: ['choices'],
  sequencing: ['choices'],
  likert: ['scale'],
  matching: ['source', 'target'],
  performance: ['steps'],
};

function activityDefinition(value: unknown, path: string): void {
  const definition = expectObject(value, path, 'an Activity definition');
  onlyKeys(definition, path, ['name', 'description', 'type', 'moreInfo', 'extensions', 'interactionType', 'correctResponsesPattern', ...COMPONENT_LISTS]);
  if (has(definition, 'name')) languageMap(definition.name, `${path}.name`);
  if (has(definition, 'description')) languageMap(definition.description, `${path}.description`);
  iri(definition, 'type', path);
  iri(definition, 'moreInfo', path);
  if (has(definition, 'extensions')) extensions(definition.extensions, `${path}.extensions`);
  const interactionType = definition.interactionType;
  if (has(definition, 'interactionType') && !INTERACTION_TYPES.includes(interactionType as string)) {
    fail(`${path}.interactionType`, `must be one of ${INTERACTION_TYPES.join(', ')}`);
  }
  if (has(definition, 'correctResponsesPattern')) {
    if (!has(definition, 'interactionType')) fail(`${path}.correctResponsesPattern`, 'needs an interactionType');
    const pattern = definition.correctResponsesPattern;
    if (!Array.isArray(pattern) || pattern.some((item) => typeof item !== 'string')) fail(`${path}.correctResponsesPattern`, 'must be an array of strings');
  }
  for (const list of COMPONENT_LISTS) {
    if (!has(definition, list)) continue;
    if (!has(definition, 'interactionType')) fail(`${path}.${list}`, 'needs an interactionType');
    if (!(COMPONENTS_OF[interactionType as string] ?? []).includes(list)) {
      fail(`${path}.${list}`, `is not allowed for interactionType ${show(interactionType)}`);
    }
    interactionComponents(definition[list], `${path}.${list}`);
  }
}

function interactionComponents(value: unknown, path: string): void {
  if (!Array.isArray(value)) fail(path, 'must be an array of interaction components');
  const ids = new Set<string>();
  value.forEach((item, i) => {
    const component = expectObject(item, `${path}[${i}]`, 'an interaction component');
    onlyKeys(component, `${path}[${i}]`, ['id', 'description']);
    string(component, 'id', `${path}[${i}]`, true);
    if ((component.id as string).trim() === '') fail(`${path}[${i}].id`, 'must not be empty');
    if (ids.has(component.id as string)) fail(`${path}[${i}].id`, `repeats the id ${show(component.id)}; ids in one list must differ`);
    ids.add(component.id as string);
    if (has(component, 'description')) languageMap(component.description, `${path}[${i}].description`);
  });
}

function activity(value: unknown, path: string): void {
  const a = expectObject(value, path, 'an Activity');
  onlyKeys(a, path, ['objectType', 'id', 'definition']);
  if (has(a, 'objectType') && a.objectType !== 'Activity') fail(`${path}.objectType`, 'must be "Activity"');
  iri(a, 'id', path, true);
  if (has(a, 'definition')) activityDefinition(a.definition, `${path}.definition`);
}

function statementRef(value: unknown, path: string): void {
  const ref = expectObject(value, path, 'a StatementRef');
  onlyKeys(ref, path, ['objectType', 'id']);
  if (ref.objectType !== 'StatementRef') fail(`${path}.objectType`, 'must be "StatementRef"');
  uuid(ref, 'id', path, true);
}

function object(value: unknown, path: string, inSubStatement: boolean): void {
  const o = expectObject(value, path, 'an Activity, Agent, Group, StatementRef or SubStatement');
  const type = has(o, 'objectType') ? o.objectType : 'Activity';
  switch (type) {
    case 'Activity':
      return activity(o, path);
    case 'Agent':
      return validateAgent(o, path);
    case 'Group':
      return validateGroup(o, path);
    case 'StatementRef':
      return statementRef(o, path);
    case 'SubStatement':
      if (inSubStatement) fail(path, 'is a SubStatement inside a SubStatement, which xAPI does not allow');
      return statementBody(o, path, true);
    default:
      fail(`${path}.objectType`, 'must be Activity, Agent, Group, StatementRef or SubStatement');
  }
}

function score(value: unknown, path: string): void {
  const s = expectObject(value, path, 'a score');
  onlyKeys(s, path, ['scaled', 'raw', 'min', 'max']);
  for (const key of ['scaled', 'raw', 'min', 'max']) {
    if (has(s, key) && (typeof s[key] !== 'number' || !Number.isFinite(s[key]))) fail(`${path}.${key}`, 'must be a number');
  }
  const { scaled, raw, min, max } = s as Record<string, number | undefined>;
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) fail(`${path}.scaled`, `must be between -1 and 1 (got ${scaled})`);
  if (min !== undefined && max !== undefined && !(min < max)) fail(path, `has min ${min} not below max ${max}`);
  if (raw !== undefined && min !== undefined && raw < min) fail(`${path}.raw`, `is ${raw}, below min ${min}`);
  if (raw !== undefined && max !== undefined && raw > max) fail(`${path}.raw`, `is ${raw}, above max ${max}`);
}

function result(value: unknown, path: string): void {
  const r = expectObject(value, path, 'a Result');
  onlyKeys(r, path, ['score', 'success', 'completion', 'response', 'duration', 'extensions']);
  if (has(r, 'score')) score(r.score, `${path}.score`);
  boolean(r, 'success', path);
  boolean(r, 'completion', path);
  string(r, 'response', path);
  if (has(r, 'duration') && !isDuration(r.duration)) fail(`${path}.duration`, `must be an ISO 8601 duration such as PT1H30M or PT45.5S (got ${show(r.duration)})`);
  if (has(r, 'extensions')) extensions(r.extensions, `${path}.extensions`);
}

function contextActivities(value: unknown, path: string): void {
  const ca = expectObject(value, path, 'contextActivities');
  onlyKeys(ca, path, ['parent', 'grouping', 'category', 'other']);
  for (const [key, list] of Object.entries(ca)) {
    if (Array.isArray(list)) list.forEach((item, i) => activity(item, `${path}.${key}[${i}]`));
    else activity(list, `${path}.${key}`);
  }
}

function context(value: unknown, path: string, objectIsActivity: boolean): void {
  const c = expectObject(value, path, 'a Context');
  onlyKeys(c, path, ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions']);
  uuid(c, 'registration', path);
  if (has(c, 'instructor')) validateActor(c.instructor, `${path}.instructor`);
  if (has(c, 'team')) validateGroup(c.team, `${path}.team`);
  if (has(c, 'contextActivities')) contextActivities(c.contextActivities, `${path}.contextActivities`);
  string(c, 'revision', path);
  string(c, 'platform', path);
  for (const key of ['revision', 'platform']) {
    if (has(c, key) && !objectIsActivity) fail(`${path}.${key}`, 'is only allowed when the object is an Activity');
  }
  if (has(c, 'language') && !isLanguageTag(c.language)) fail(`${path}.language`, 'must be an RFC 5646 language tag such as en-US');
  if (has(c, 'statement')) statementRef(c.statement, `${path}.statement`);
  if (has(c, 'extensions')) extensions(c.extensions, `${path}.extensions`);
}

function attachment(value: unknown, path: string): void {
  const a = expectObject(value, path, 'an Attachment');
  onlyKeys(a, path, ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl']);
  iri(a, 'usageType', path, true);
  if (!has(a, 'display')) fail(`${path}.display`, 'is required');
  languageMap(a.display, `${path}.display`);
  if (has(a, 'description')) languageMap(a.description, `${path}.description`);
  string(a, 'contentType', path, true);
  if (!/^[\w.+-]+\/[\w.+-]+/.test(a.contentType as string)) fail(`${path}.contentType`, 'must be an Internet media type such as image/png');
  if (!has(a, 'length')) fail(`${path}.length`, 'is required');
  if (!Number.isInteger(a.length) || (a.length as number) < 0) fail(`${path}.length`, 'must be a whole number of bytes');
  if (!has(a, 'sha2')) fail(`${path}.sha2`, 'is required');
  if (!isSha2Hex(a.sha2)) fail(`${path}.sha2`, 'must be the hex SHA-2 hash of the attachment');
  iri(a, 'fileUrl', path);
}

function authority(value: unknown, path: string): void {
  const a = expectObject(value, path, 'an Agent or an OAuth Group');
  if (a.objectType !== 'Group') return validateAgent(a, path);
  validateGroup(a, path);
  if (IFI_KEYS.some((key) => has(a, key)) || !Array.isArray(a.member) || a.member.length !== 2) {
    fail(path, 'may be a Group only for OAuth: an anonymous Group of exactly two Agents');
  }
}

const STATEMENT_KEYS = ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments'];
const SUBSTATEMENT_KEYS = ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'];

function statementBody(s: JsonObject, path: string, isSubStatement: boolean): void {
  onlyKeys(s, path, isSubStatement ? SUBSTATEMENT_KEYS : STATEMENT_KEYS);
  if (!isSubStatement) uuid(s, 'id', path);
  for (const key of ['actor', 'verb', 'object']) if (!has(s, key)) fail(`${path}.${key}`, 'is required');
  validateActor(s.actor, `${path}.actor`);
  verb(s.verb, `${path}.verb`);
  object(s.object, `${path}.object`, isSubStatement);
  const objectType = isObject(s.object) && has(s.object, 'objectType') ? s.object.objectType : 'Activity';
  if (isObject(s.verb) && s.verb.id === VOIDED_VERB && objectType !== 'StatementRef') {
    fail(`${path}.object`, 'must be a StatementRef to the statement being voided (the verb is "voided")');
  }
  if (has(s, 'result')) result(s.result, `${path}.result`);
  if (has(s, 'context')) context(s.context, `${path}.context`, objectType === 'Activity');
  if (has(s, 'timestamp') && !isTimestamp(s.timestamp)) {
    fail(`${path}.timestamp`, `must be an ISO 8601 date and time such as 2015-09-15T15:53:00.601Z (got ${show(s.timestamp)})`);
  }
  if (has(s, 'attachments')) {
    if (!Array.isArray(s.attachments)) fail(`${path}.attachments`, 'must be an array of Attachments');
    s.attachments.forEach((item, i) => attachment(item, `${path}.attachments[${i}]`));
  }
  if (isSubStatement) return;
  if (has(s, 'stored') && !isTimestamp(s.stored)) fail(`${path}.stored`, 'must be an ISO 8601 date and time');
  if (has(s, 'authority')) authority(s.authority, `${path}.authority`);
  if (has(s, 'version') && !isSupportedVersion(s.version)) fail(`${path}.version`, `must be a 1.0.x version such as "1.0.3" (got ${show(s.version)})`);
}

/** Throws InvalidStatement, naming the property and the problem, unless `value` is a valid xAPI 1.0.3 statement. */
export function validateStatement(value: unknown, path = 'statement'): asserts value is JsonObject {
  const s = expectObject(value, path, 'a Statement');
  statementBody(s, path, false);
}
