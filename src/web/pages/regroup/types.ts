// Shapes of the team day routes (docs/regrouping.md, "HTTP API").
import type { Group, Pin } from '../../../core/grouping/types.ts';

export type { Group, Pin };

export type AdultRole = 'teacher' | 'teacher_leader' | 'resident' | 'tutor';
export type StationKind = 'online' | 'independent' | 'collaborative';

export interface SetupBlock {
  id: string;
  name: string;
  start: string;
  end: string;
}

export interface SetupAdult {
  id: string;
  name?: string;
  role: AdultRole;
  capacity: number;
  blocks: string[];
  supports: string[];
}

export interface SetupStation {
  id: string;
  name: string;
  kind: StationKind;
  capacity: number;
  supervisor: string | null;
  blocks: string[];
}

export interface DaySetup {
  team?: string;
  stored?: boolean;
  blocks: SetupBlock[];
  adults: SetupAdult[];
  stations: SetupStation[];
  rooms: { name: string; capacity: number }[];
  constraints: { apart: [string, string][]; together: [string, string][]; adultLedPerDay: number };
  updatedAt?: string | null;
  updatedBy?: string | null;
}

export interface PlanWarning {
  rule: string;
  message: string;
  block?: string;
  student?: string;
}

export interface DayPlan {
  groups: Group[];
  pins: Pin[];
  reasons: Record<string, Record<string, string>>;
  objective: number | null;
  warnings: PlanWarning[];
  generatedAt: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  date?: string;
}

export interface PlanStudent {
  id: string;
  name: string;
  mastery: Record<string, number>;
  flags: string[];
  needs: string[];
}

export interface PlanSkill {
  id: string;
  code: string;
  name: string;
  prerequisites: string[];
}

export interface PlanView {
  date: string;
  team: { id: string; name: string };
  setup: DaySetup;
  draft: DayPlan | null;
  published: DayPlan | null;
  previous: DayPlan | null;
  students: PlanStudent[];
  skills: PlanSkill[];
  adults: SetupAdult[];
}

export interface PlaceRef {
  kind: 'group' | 'station';
  id: string;
  name: string;
  stationKind?: StationKind;
}

export interface DayBlockRef {
  team: { id: string; name: string };
  block: SetupBlock;
  place: PlaceRef;
  focusSkill: { id: string; code: string; name: string } | null;
}

export interface StaffPlan {
  staff: { id: string; name: string };
  date: string;
  blocks: (DayBlockRef & {
    students: {
      id: string;
      name: string;
      needs: string[];
      reason: string | null;
      flags: { kind: string; reason: string; since: string }[];
      evidence: { skillId: string; skillCode: string; skillName: string; occurredAt: string; correct: boolean | null; score: number | null }[];
    }[];
  })[];
}

export interface StudentDay {
  student: { id: string; name: string };
  date: string;
  blocks: (DayBlockRef & { reason: string | null })[];
}

export interface RegroupingHistory {
  team: string;
  weeks: { weekStart: string; publishedDays: number; publications: number; changedShare: number | null }[];
  thisWeek: { weekStart: string; students: { id: string; name: string; adults: { id: string; name: string }[] }[] };
}
