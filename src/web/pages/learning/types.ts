// The learning API's shapes (src/server/routes/learning.ts), as the web app reads them.

export interface SkillNode {
  id: string;
  code: string | null;
  name: string;
  itemType: string | null;
  caseIdentifier: string | null;
  caseUri: string | null;
  parentId: string | null;
  depth: number;
  prerequisites: string[];
  courses: string[];
}

export interface Framework {
  id: string;
  source: 'case' | 'csv';
  title: string;
  version: string | null;
  uri: string | null;
  skills: SkillNode[];
}

export type UnmappedReason = 'no student' | 'no skill' | 'no result';

export interface UnmappedSummary {
  total: number;
  statements: number;
  byReason: { reason: UnmappedReason; count: number }[];
  byActivity: { reason: UnmappedReason; activityId: string | null; platform: string | null; count: number }[];
  byActor: { reason: UnmappedReason; actor: string | null; count: number }[];
}
