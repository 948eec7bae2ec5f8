/**
 * The aim statement: "what will improve, for whom, by how much, by when" as one
 * sentence, and which of the four parts are still missing or too vague.
 */
import type { Aim } from './types.ts';

export type AimPart = 'what' | 'forWhom' | 'howMuch' | 'byWhen';

export interface AimCheck {
  complete: boolean;
  /** Each part still missing or too vague, with a hint on how to write it. */
  problems: { part: AimPart; hint: string }[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-06-01" -> "1 June 2026"; anything else as given. */
export function formatSchoolDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : iso;
}

const clean = (text: string) => text.trim().replace(/\s+/g, ' ').replace(/[.\s]+$/, '');

/**
 * The aim as a sentence, with a bracketed question where a part is missing:
 * "We will improve on-time arrival for grade 6 students from 82% to 90% by 1 June 2026."
 */
export function aimSentence(aim: Aim): string {
  const what = clean(aim.what) || '[what?]';
  const forWhom = clean(aim.forWhom);
  const howMuch = clean(aim.howMuch) || '[how much?]';
  const byWhen = aim.byWhen ? formatSchoolDate(aim.byWhen) : '[when?]';
  const forPart = forWhom === '' ? '[for whom?]' : /^for\s/i.test(forWhom) ? forWhom : `for ${forWhom}`;
  return `We will improve ${what} ${forPart} ${howMuch} by ${byWhen}.`;
}

/**
 * Checks the four parts. "How much" needs a number (a target you can see on a
 * chart); "by when" a date; the others a few words.
 */
export function checkAim(aim: Aim): AimCheck {
  const problems: AimCheck['problems'] = [];
  if (clean(aim.what).length < 3) problems.push({ part: 'what', hint: 'Say what will improve, e.g. "on-time arrival" or "reading fluency".' });
  if (clean(aim.forWhom).length < 3) problems.push({ part: 'forWhom', hint: 'Say for whom, e.g. "grade 6 students at Lincoln Middle".' });
  if (clean(aim.howMuch) === '') {
    problems.push({ part: 'howMuch', hint: 'Say how much, with a number, e.g. "from 82% to 90%".' });
  } else if (!/\d/.test(aim.howMuch)) {
    problems.push({ part: 'howMuch', hint: `"${clean(aim.howMuch)}" has no number: give a target you can see on a chart, e.g. "from 82% to 90%".` });
  }
  if (!aim.byWhen || !/^\d{4}-\d{2}-\d{2}$/.test(aim.byWhen)) problems.push({ part: 'byWhen', hint: 'Give a date by when, e.g. the end of the semester.' });
  return { complete: problems.length === 0, problems };
}
