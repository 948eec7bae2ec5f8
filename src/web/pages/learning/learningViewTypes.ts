// Shapes of the team learning views API (src/server/routes/learning-views.ts).

export type MasteryState = 'learning' | 'mastered';

export interface SkillRef {
  skillId: string;
  code: string | null;
  name: string;
}

export interface HeatmapCell {
  skillId: string;
  state: MasteryState;
  known: number;
  attempts: number;
}

export interface HeatmapStudent {
  sourcedId: string;
  name: string;
  familyName: string;
  givenName: string;
  englishLearner: boolean;
  specialEducation: boolean;
  economicallyDisadvantaged: boolean;
  openFlags: number;
  mastered: number;
  cells: HeatmapCell[];
}

export interface Heatmap {
  team: string;
  skills: SkillRef[];
  students: HeatmapStudent[];
}

export interface Tally {
  right: number;
  total: number;
}

export interface PinpointComparison extends SkillRef {
  group: Tally;
  rest: Tally;
  gap: number | null;
  p: number | null;
  callOut: boolean;
  why: string;
}

export interface Pinpoint {
  team: string;
  since: string;
  rule: { minAttempts: number; minGap: number; alpha: number };
  teamStudents: number;
  adults: { sourcedId: string; name: string; role: string; classes: string[]; students: number; comparisons: PinpointComparison[] }[];
}

export type FlagKind = 'wheel_spinning' | 'regression' | 'inactive' | 'behind';

export interface TeamFlag {
  id: string;
  student: string;
  studentName: string;
  kind: FlagKind;
  skillId: string | null;
  skillCode: string | null;
  skillName: string | null;
  reason: string;
  since: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  owner: string | null;
  ownerName: string | null;
  note: string | null;
}

export interface SkillEstimate extends SkillRef {
  state: MasteryState;
  known: number;
  nextCorrect: number;
  attempts: number;
  rightCount: number;
  firstAt: string;
  lastAt: string;
  masteredAt: string | null;
  explanation: string;
}

export interface TimelineItem extends SkillRef {
  at: string;
  correct: boolean;
  sourceKind: 'xapi' | 'csv' | 'oneroster';
  sourceRef: string;
  known: number | null;
}

export interface SkillProfile {
  student: string;
  name: string;
  skills: SkillEstimate[];
  timeline: TimelineItem[];
  model: { kind: string; fittedAt: string } | null;
}

export const FLAG_KIND_NAMES: Record<FlagKind, string> = {
  wheel_spinning: 'Wheel-spinning',
  regression: 'Regression',
  inactive: 'Inactive',
  behind: 'Behind the sequence',
};
