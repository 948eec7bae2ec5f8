import { describe, expect, it } from 'vitest';
import { strugglingAt } from './struggling.ts';

const outcomes = (text: string) => [...text].map((c) => c === '1');

describe('strugglingAt', () => {
  it('flags many attempts without mastery, with the count and the right answers', () => {
    expect(strugglingAt('6.RP.3', outcomes('0101001010'), false)).toEqual({ struggling: true, reason: '10 attempts at 6.RP.3 without mastery (4 right)' });
    expect(strugglingAt('6.RP.3', outcomes('010100101'), false)).toEqual({ struggling: false, reason: null });
  });

  it('flags a run of wrong answers at the end', () => {
    expect(strugglingAt('6.RP.3', outcomes('11000'), false)).toEqual({ struggling: true, reason: 'the last 3 attempts at 6.RP.3 were wrong' });
    expect(strugglingAt('6.RP.3', outcomes('10001'), false).struggling).toBe(false);
  });

  it('gives both reasons when both hold', () => {
    expect(strugglingAt('x', outcomes('1111111000'), false).reason).toBe('10 attempts at x without mastery (7 right); the last 3 attempts at x were wrong');
  });

  it('never flags a mastered skill, and follows a stricter rule when given one', () => {
    expect(strugglingAt('x', outcomes('0000000000'), true)).toEqual({ struggling: false, reason: null });
    expect(strugglingAt('x', outcomes('100'), false, { attemptsWithoutMastery: 10, wrongInARow: 2 }).reason).toBe('the last 2 attempts at x were wrong');
  });
});
