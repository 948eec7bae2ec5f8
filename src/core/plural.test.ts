import { describe, expect, it } from 'vitest';
import { plural } from './plural.ts';

describe('plural', () => {
  it('uses the singular for one and the plural otherwise, adding an s unless told', () => {
    expect(plural(1, 'class', 'classes')).toBe('1 class');
    expect(plural(0, 'class', 'classes')).toBe('0 classes');
    expect(plural(2, 'department')).toBe('2 departments');
    expect(plural(1, 'skill is', 'skills are')).toBe('1 skill is');
  });
});
