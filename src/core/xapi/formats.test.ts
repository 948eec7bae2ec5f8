import { describe, expect, it } from 'vitest';
import { isDuration, isIri, isLanguageTag, isMbox, isUuid, parseTimestamp } from './formats.ts';

describe('xAPI value formats', () => {
  it('reads ISO 8601 timestamps in extended and basic form, with or without fraction and offset', () => {
    expect(parseTimestamp('2015-09-15T15:53:00.601Z')).toBe(Date.UTC(2015, 8, 15, 15, 53, 0, 601));
    expect(parseTimestamp('2015-09-15T17:53:00.601+02:00')).toBe(Date.UTC(2015, 8, 15, 15, 53, 0, 601));
    expect(parseTimestamp('20150915T155300Z')).toBe(Date.UTC(2015, 8, 15, 15, 53));
    expect(parseTimestamp('2015-09-15T10:23:00-0530')).toBe(Date.UTC(2015, 8, 15, 15, 53));
    expect(parseTimestamp('2015-09-15T15:53Z')).toBe(Date.UTC(2015, 8, 15, 15, 53));
  });

  it('refuses what is not a timestamp, a day that does not exist, and the offset -00:00', () => {
    for (const bad of ['should fail', '01/011/2015', '2015-09-15', '2015-13-01T00:00:00Z', '2016-02-30T00:00:00Z', '2015-09-15T25:00:00Z', '2008-09-15T15:53:00.601-00', '2008-09-15T15:53:00.601-0000', '2008-09-15T15:53:00.601-00:00', 12]) {
      expect(parseTimestamp(bad), String(bad)).toBeNull();
    }
    expect(parseTimestamp('2016-02-29T00:00:00Z')).not.toBeNull();
  });

  it('reads ISO 8601 durations, with weeks only on their own', () => {
    for (const good of ['PT4H35M59.14S', 'PT16559.14S', 'P3Y1M29DT4H35M59.14S', 'P3Y', 'P4W', 'PT0S', 'P1D']) expect(isDuration(good), good).toBe(true);
    for (const bad of ['P4W1D', 'P', 'PT', '4H', 'P1H', 'PT1D', 'P1DT', 123]) expect(isDuration(bad), String(bad)).toBe(false);
  });

  it('tells IRIs, UUIDs, mailto addresses and language tags', () => {
    expect(isIri('http://adlnet.gov/expapi/verbs/answered')).toBe(true);
    expect(isIri('urn:uuid:1a2b')).toBe(true);
    expect(isIri('answered')).toBe(false);
    expect(isIri('http://exa mple.org')).toBe(false);
    expect(isUuid('3C8E3FA2-0F6E-4D4A-9B1F-6B8C2F0E9A11')).toBe(true);
    expect(isUuid('3c8e3fa2-0f6e-4d4a-9b1f-6b8c2f0e9a11a')).toBe(false);
    expect(isUuid('3c8e3fa2-0f6e-4d4a-9b1f-6b8c2f0e9g11')).toBe(false);
    expect(isMbox('mailto:ana@example.org')).toBe(true);
    expect(isMbox('ana@example.org')).toBe(false);
    for (const tag of ['en', 'en-US', 'zh-Hant-TW', 'es-419', 'sgn-BE-FR', 'x-private', 'de-CH-1996']) expect(isLanguageTag(tag), tag).toBe(true);
    for (const tag of ['english!', 'en_US', '', 'a-b-c-d-e-f-g-h-i-j']) expect(isLanguageTag(tag), tag).toBe(false);
  });
});
