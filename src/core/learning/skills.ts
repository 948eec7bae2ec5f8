/**
 * Finding a skill from what a file or a program calls it: a CASE item URI, a
 * CASE identifier, or a code (humanCodingScheme). Codes can repeat across
 * frameworks; a repeated code matches none, with a problem saying to use the
 * identifier. Pure.
 */

export interface SkillIdentity {
  id: string;
  code: string | null;
  caseIdentifier: string | null;
  caseUri: string | null;
  /** The framework's title, for messages. */
  framework: string;
}

export type SkillMatch = { id: string } | { problem: string };

export interface SkillDirectory {
  /** By CASE URI, then CASE identifier (any case), then code (exact, then any case). */
  find(value: string): SkillMatch;
  /**
   * An xAPI activity IRI as a skill: its CASE URI exactly, or an IRI ending in a
   * known CASE identifier (a program may use another host's copy of the framework).
   */
  findActivity(iri: string): SkillMatch;
}

export const NO_SKILL = 'no skill with this code, CASE identifier or URI in the district';

const UUID_AT_END = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The UUID an IRI ends with, lower-case (CASE item URIs end with the item's identifier), or null. */
export function trailingIdentifier(iri: string): string | null {
  return UUID_AT_END.exec(iri)?.[1]?.toLowerCase() ?? null;
}

function group(skills: readonly SkillIdentity[], key: (s: SkillIdentity) => string | null): Map<string, SkillIdentity[]> {
  const map = new Map<string, SkillIdentity[]>();
  for (const skill of skills) {
    const value = key(skill);
    if (!value) continue;
    const list = map.get(value);
    if (list) list.push(skill);
    else map.set(value, [skill]);
  }
  return map;
}

function pick(matches: SkillIdentity[] | undefined, what: string): SkillMatch | null {
  if (!matches) return null;
  if (matches.length === 1) return { id: matches[0]!.id };
  const frameworks = [...new Set(matches.map((s) => s.framework))].slice(0, 3).join('; ');
  return { problem: `matches the ${what} of ${matches.length} skills (in ${frameworks}): use the CASE identifier or URI` };
}

export function skillDirectory(skills: readonly SkillIdentity[]): SkillDirectory {
  const byUri = group(skills, (s) => s.caseUri);
  const byIdentifier = group(skills, (s) => s.caseIdentifier?.toLowerCase() ?? null);
  const byCode = group(skills, (s) => s.code);
  const byCodeAnyCase = group(skills, (s) => s.code?.toLowerCase() ?? null);
  return {
    find(value) {
      return (
        pick(byUri.get(value), 'URI') ??
        pick(byIdentifier.get(value.toLowerCase()), 'CASE identifier') ??
        pick(byCode.get(value), 'code') ??
        pick(byCodeAnyCase.get(value.toLowerCase()), 'code') ?? { problem: NO_SKILL }
      );
    },
    findActivity(iri) {
      const exact = pick(byUri.get(iri), 'URI');
      if (exact) return exact;
      const identifier = trailingIdentifier(iri);
      return (identifier && pick(byIdentifier.get(identifier), 'CASE identifier')) || { problem: NO_SKILL };
    },
  };
}
