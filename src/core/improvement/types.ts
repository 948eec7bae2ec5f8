/**
 * The improvement workspace's vocabulary: jobs, aims, cycles, measures and the
 * facts about a project that its playbook reads. Pure data.
 */

export const JOBS = ['correct', 'coordinate', 'reorient'] as const;
/** What a project is for: fix one problem, rally departments around a shared aim, or find a new way as a system. */
export type Job = (typeof JOBS)[number];

export const PROJECT_SCOPES = ['team', 'school', 'district'] as const;
export type ProjectScopeKind = (typeof PROJECT_SCOPES)[number];

export const PROJECT_STATUSES = ['active', 'paused', 'completed', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const MEMBER_ROLES = ['lead', 'member', 'sponsor', 'coach', 'data'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const SCALES = ['classroom', 'team', 'school', 'district'] as const;
/** How widely a cycle tests a change, narrowest first. */
export type Scale = (typeof SCALES)[number];

export const ACT_DECISIONS = ['adopt', 'adapt', 'abandon'] as const;
export type ActDecision = (typeof ACT_DECISIONS)[number];

export const MEASURE_KINDS = ['outcome', 'process', 'balancing'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_SOURCES = ['manual', 'csv', 'live'] as const;
export type MeasureSource = (typeof MEASURE_SOURCES)[number];

export const AREAS = ['attendance', 'achievement', 'facilities', 'transportation', 'other'] as const;
/** The part of a school system a measure watches. */
export type Area = (typeof AREAS)[number];
/** The areas a reorientation's portfolio should cover. */
export const PORTFOLIO_AREAS: readonly Area[] = ['attendance', 'achievement', 'facilities', 'transportation'];

/** The aim statement in four parts; `byWhen` is an ISO date. */
export interface Aim {
  what: string;
  forWhom: string;
  howMuch: string;
  byWhen: string | null;
}

/** What the cycle logic needs of a PDSA cycle. Dates are ISO `YYYY-MM-DD`. */
export interface CycleFacts {
  id: string;
  title: string;
  scale: Scale;
  previousCycleId: string | null;
  changeIdeaId: string | null;
  measureId: string | null;
  dueOn: string | null;
  planQuestion: string;
  planPrediction: string;
  doStartedOn: string | null;
  doEndedOn: string | null;
  doWhatHappened: string;
  studyResults: string;
  actDecision: ActDecision | null;
  /** When the cycle was written down (ISO date or timestamp). */
  createdAt: string;
}

export interface MemberFacts {
  role: MemberRole;
  department: string | null;
}

export interface MeasureFacts {
  id: string;
  kind: MeasureKind;
  area: Area | null;
  operationalDefinition: string;
  valueCount: number;
}

export interface ChangeIdeaFacts {
  id: string;
  parentNodeId: string | null;
}

/** Everything a playbook's done-conditions read. */
export interface ProjectFacts {
  job: Job;
  aim: Aim;
  /** When the project started (ISO date or timestamp). */
  createdAt: string;
  members: MemberFacts[];
  cycles: CycleFacts[];
  measures: MeasureFacts[];
  changeIdeas: ChangeIdeaFacts[];
  /** Diagnosis entries (fishbone causes, process maps...), when the diagnosis tools record them. */
  diagnosisCount?: number;
  /** Nodes of the driver diagram, when the project has one. */
  driverNodeCount?: number;
}
