import { describe, expect, it } from 'vitest';
import { AcyclicLinks } from './graph.ts';
import { NO_SKILL, skillDirectory, trailingIdentifier } from './skills.ts';
import { NO_STUDENT, studentDirectory } from './students.ts';

describe('skillDirectory', () => {
  const skills = skillDirectory([
    { id: 'a', code: '6.RP.A.1', caseIdentifier: 'AAAA0000-0000-4000-8000-000000000001', caseUri: 'https://case.example/CFItems/aaaa0000-0000-4000-8000-000000000001', framework: 'State math' },
    { id: 'b', code: 'R.1', caseIdentifier: null, caseUri: null, framework: 'Local skills' },
    { id: 'c', code: 'R.1', caseIdentifier: null, caseUri: null, framework: 'Reading' },
  ]);

  it('finds a skill by URI, identifier in any case, or code (exact, then any case)', () => {
    expect(skills.find('https://case.example/CFItems/aaaa0000-0000-4000-8000-000000000001')).toEqual({ id: 'a' });
    expect(skills.find('aaaa0000-0000-4000-8000-000000000001')).toEqual({ id: 'a' });
    expect(skills.find('6.RP.A.1')).toEqual({ id: 'a' });
    expect(skills.find('6.rp.a.1')).toEqual({ id: 'a' });
    expect(skills.find('7.RP.A.1')).toEqual({ problem: NO_SKILL });
  });

  it('refuses a code two frameworks share, naming them', () => {
    expect(skills.find('R.1')).toEqual({ problem: 'matches the code of 2 skills (in Local skills; Reading): use the CASE identifier or URI' });
  });

  it('takes an activity IRI ending in a CASE identifier, but never a bare code', () => {
    expect(skills.findActivity('https://elsewhere.example/items/AAAA0000-0000-4000-8000-000000000001/')).toEqual({ id: 'a' });
    expect(skills.findActivity('6.RP.A.1')).toEqual({ problem: NO_SKILL });
    expect(trailingIdentifier('https://x.example/no-id')).toBeNull();
  });
});

describe('studentDirectory', () => {
  const students = studentDirectory([
    { sourcedId: 's-1', identifier: '77', username: 'ada', email: 'ada@x.test' },
    { sourcedId: '77', identifier: '78', username: 'bo', email: null },
    { sourcedId: 's-3', identifier: '99', username: 'ada2', email: 'ADA@x.test' },
  ]);

  it('tries sourcedId first, then identifier, username and email', () => {
    expect(students.find('77')).toEqual({ sourcedId: '77' });
    expect(students.find('78')).toEqual({ sourcedId: '77' });
    expect(students.find('ada2')).toEqual({ sourcedId: 's-3' });
    expect(students.find('nobody')).toEqual({ problem: NO_STUDENT });
    expect(students.find('Ada@X.test')).toEqual({ problem: 'matches the email of 2 students (s-1, s-3): use the sourcedId' });
  });
});

describe('AcyclicLinks', () => {
  it('refuses the link that would close a loop and names the loop', () => {
    const links = new AcyclicLinks();
    expect(links.add('c', 'b')).toBeNull();
    expect(links.add('b', 'a')).toBeNull();
    expect(links.add('a', 'c')).toEqual(['a', 'c', 'b', 'a']);
    expect(links.add('a', 'a')).toEqual(['a', 'a']);
    // The refused a → c was not added, so d → c → ... stays open.
    expect(links.add('d', 'c')).toBeNull();
    expect(links.add('a', 'd')).toEqual(['a', 'd', 'c', 'b', 'a']);
  });
});
