// Shapes of the improvement API (docs/api.md, "Improvement"), as the web app reads them.
import type { ChartResult } from '../../../core/spc/types.ts';

export type Job = 'correct' | 'coordinate' | 'reorient';
export type Scale = 'classroom' | 'team' | 'school' | 'district';
export type MeasureKind = 'outcome' | 'process' | 'balancing';

export interface Aim {
  what: string;
  forWhom: string;
  howMuch: string;
  byWhen: string | null;
}

export interface ProjectSummary {
  id: string;
  title: string;
  job: Job;
  status: 'active' | 'paused' | 'completed' | 'closed';
  aim: Aim;
  aimSentence: string;
  scope: { kind: 'team' | 'school' | 'district'; id: string | null; name: string };
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  id: string;
  userSourcedId: string | null;
  accountId: string | null;
  name: string;
  role: 'lead' | 'member' | 'sponsor' | 'coach' | 'data';
  department: string | null;
}

export interface PlaybookStep {
  id: string;
  title: string;
  why: string;
  status: 'done' | 'todo' | 'attention';
  note: string;
}

export interface ProjectDetail extends ProjectSummary {
  /** Members and district admins change a project; everyone else who sees it reads it. */
  canEdit: boolean;
  aimCheck: { complete: boolean; problems: { part: string; hint: string }[] };
  members: Member[];
  changeIdeas: { id: string; title: string; description: string; parentNodeId: string | null; createdAt: string }[];
  playbook: { job: Job; name: string; choice: string; example: string; steps: PlaybookStep[] };
  capacity: { people: number; departments: number; active: number; studied: number; overdue: number; load: number };
  ramps: { cycleIds: string[]; scales: Scale[]; spread: boolean }[];
}

export interface Cycle {
  id: string;
  title: string;
  changeIdeaId: string | null;
  previousCycleId: string | null;
  measureId: string | null;
  scale: Scale;
  participants: string;
  dueOn: string | null;
  plan: { question: string; prediction: string; who: string; what: string; where: string; when: string; data: string };
  do: { startedOn: string | null; endedOn: string | null; whatHappened: string; observations: string };
  study: { results: string };
  act: { decision: 'adopt' | 'adapt' | 'abandon' | null; nextStep: string };
  phase: 'plan' | 'do' | 'study' | 'act' | 'done';
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Measure {
  id: string;
  kind: MeasureKind;
  name: string;
  area: string | null;
  operationalDefinition: string;
  chartOptions: { chart: ChartResult['chart']; multiply?: number; rules?: 'anhoej' | 'ihi' };
  source: 'manual' | 'csv' | 'live';
  liveDefinition?: Record<string, unknown> | null;
  /** When a live measure was last recomputed. */
  liveComputedAt?: string | null;
  /** What a live measure counts, in a sentence. */
  liveDescription?: string | null;
  valueCount: number;
}

export interface MeasureChartData {
  measure: Measure;
  events: { x: string; label: string; cycleId: string }[];
  result: ChartResult | null;
  explanation: { summary: string; details: string[] } | null;
  problem: string | null;
}

export interface TimelineEntry {
  id: string;
  at: string;
  kind: string;
  summary: string;
  by: string | null;
}
