/**
 * Agents and Groups by their inverse functional identifier (IFI): the one key that
 * says two agent objects are the same person or group, whatever their names.
 */
import type { JsonObject } from './types.ts';

/**
 * The agent's IFI as one string, the form the statement index stores and filters
 * match on: `mbox:mailto:ann@example.org`, `mbox_sha1sum:<hex>`, `openid:<uri>`, or
 * `account:<homePage> <name>` (the homePage is an IRI, so it holds no space).
 * Null for an anonymous Group.
 */
export function ifiOf(agent: JsonObject): string | null {
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox}`;
  if (typeof agent.mbox_sha1sum === 'string') return `mbox_sha1sum:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  const account = agent.account as JsonObject | undefined;
  if (account && typeof account.homePage === 'string' && typeof account.name === 'string') return `account:${account.homePage} ${account.name}`;
  return null;
}

/** The IFIs an agent object stands for: its own, or for an anonymous Group, its members'. */
export function ifisOf(agent: JsonObject): string[] {
  const own = ifiOf(agent);
  const ifis = own ? [own] : [];
  if (agent.objectType === 'Group' && Array.isArray(agent.member)) {
    for (const member of agent.member) {
      const ifi = ifiOf(member as JsonObject);
      if (ifi) ifis.push(ifi);
    }
  }
  return ifis;
}

/** Only the identifying properties of an agent or group (the "ids" statement format). */
export function agentIds(agent: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (agent.objectType !== undefined) out.objectType = agent.objectType;
  for (const key of ['mbox', 'mbox_sha1sum', 'openid', 'account']) if (agent[key] !== undefined) out[key] = agent[key]!;
  if (agent.objectType === 'Group' && Array.isArray(agent.member)) out.member = agent.member.map((m) => agentIds(m as JsonObject));
  return out;
}
