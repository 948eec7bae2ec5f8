import { describe, expect, it } from 'vitest';
import { sameStatement } from './compare.ts';
import { chooseLanguage, formatStatement, parseAcceptLanguage } from './format.ts';
import { boundaryOf, parseMultipart, writeMultipart } from './multipart.ts';
import { indexStatement, prepareStatement } from './prepare.ts';
import type { JsonObject } from './types.ts';

const base: JsonObject = {
  id: '3c8e3fa2-0f6e-4d4a-9b1f-6b8c2f0e9a11',
  actor: { objectType: 'Group', name: 'Pair', member: [{ mbox: 'mailto:a@x.org' }, { mbox: 'mailto:b@x.org' }] },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered', 'fr-FR': 'a répondu' } },
  object: { id: 'https://x.org/q1', definition: { name: { 'en-US': 'Q1' } } },
  context: { contextActivities: { parent: { id: 'https://x.org/unit' } }, instructor: { mbox: 'mailto:t@x.org' } },
  timestamp: '2025-03-04T14:05:06.100Z',
};

describe('statement comparison', () => {
  it('ignores what the LRS adds, property and member order, UUID case and timestamp serialisation', () => {
    const stored = prepareStatement(base, { id: 'unused', stored: '2025-03-05T00:00:00.000Z', authority: { mbox: 'mailto:lrs@x.org' } });
    const resent = JSON.parse(JSON.stringify({ ...base, id: (base.id as string).toUpperCase(), timestamp: '2025-03-04T15:05:06.1+01:00' })) as JsonObject;
    (resent.actor as JsonObject).member = [...((base.actor as JsonObject).member as JsonObject[])].reverse();
    expect(sameStatement(resent, stored)).toBe(true);
  });

  it('sees a changed result, verb or timestamp', () => {
    const stored = prepareStatement(base, { id: 'unused', stored: '2025-03-05T00:00:00.000Z', authority: {} });
    expect(sameStatement({ ...base, result: { success: true } }, stored)).toBe(false);
    expect(sameStatement({ ...base, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } }, stored)).toBe(false);
    expect(sameStatement({ ...base, timestamp: '2025-03-04T14:05:06.101Z' }, stored)).toBe(false);
  });
});

describe('preparing a statement for storage', () => {
  it('lists single context activities, also in a SubStatement, and leaves the statement as received', () => {
    const input: JsonObject = {
      ...base,
      object: { objectType: 'SubStatement', actor: { mbox: 'mailto:a@x.org' }, verb: base.verb!, object: { id: 'https://x.org/q2' }, context: { contextActivities: { grouping: { id: 'https://x.org/course' } } } },
    };
    const received = structuredClone(input);
    const stored = prepareStatement(input, { id: 'unused', stored: '2025-03-05T00:00:00.000Z', authority: { mbox: 'mailto:lrs@x.org' } });
    expect(input).toEqual(received);
    expect(stored).toMatchObject({
      stored: '2025-03-05T00:00:00.000Z',
      version: '1.0.0',
      context: { contextActivities: { parent: [{ id: 'https://x.org/unit' }] } },
      object: { context: { contextActivities: { grouping: [{ id: 'https://x.org/course' }] } } },
    });
  });
});

describe('statement index and formats', () => {
  it('indexes the actor, the members of an anonymous group and every related activity', () => {
    const index = indexStatement(prepareStatement(base, { id: 'x', stored: '2025-03-05T00:00:00.000Z', authority: { mbox: 'mailto:lrs@x.org' } }));
    expect(index.actorIfi).toBeNull();
    expect(index.relatedAgentIfis.sort()).toEqual(['mbox:mailto:a@x.org', 'mbox:mailto:b@x.org', 'mbox:mailto:lrs@x.org', 'mbox:mailto:t@x.org']);
    expect(index.relatedActivityIds.sort()).toEqual(['https://x.org/q1', 'https://x.org/unit']);
    expect(index.objectActivityId).toBe('https://x.org/q1');
  });

  it('chooses one language per map for canonical, by preference then primary language', () => {
    const canonical = formatStatement(base, 'canonical', parseAcceptLanguage('fr-CA;q=0.9, de'));
    expect((canonical.verb as JsonObject).display).toEqual({ 'fr-FR': 'a répondu' });
    expect(chooseLanguage(['en-US', 'es'], ['de'])).toBe('en-US');
    expect(parseAcceptLanguage('en;q=0.2, fr, *;q=0')).toEqual(['fr', 'en']);
    expect((base.verb as JsonObject).display).toHaveProperty('en-US');
  });
});

describe('multipart/mixed', () => {
  it('reads back what it writes, with binary bodies intact', () => {
    const binary = Buffer.from([0, 13, 10, 45, 45, 255]);
    const { contentType, body } = writeMultipart([
      { headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{"a":1}') },
      { headers: { 'Content-Type': 'application/octet-stream', 'X-Experience-API-Hash': 'abc' }, body: binary },
    ]);
    const parts = parseMultipart(body, boundaryOf(contentType)!);
    expect(parts.map((p) => p.headers['content-type'])).toEqual(['application/json', 'application/octet-stream']);
    expect(parts[1]!.headers['x-experience-api-hash']).toBe('abc');
    expect(parts[1]!.body.equals(binary)).toBe(true);
  });

  it('reads a body with a leading line break and no final line break, and refuses one without boundaries', () => {
    const body = Buffer.from('\r\n--xyz\r\nContent-Type:application/json\r\n\r\n[1]\r\n--xyz--');
    expect(parseMultipart(body, 'xyz').map((p) => p.body.toString())).toEqual(['[1]']);
    expect(() => parseMultipart(Buffer.from('{"a":1}'), 'xyz')).toThrow(/no part boundary/);
    expect(boundaryOf('multipart/mixed; boundary="a b"')).toBe('a b');
    expect(boundaryOf('multipart/mixed')).toBeNull();
  });
});
