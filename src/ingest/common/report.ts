/** What every importer returns: the outcome, counts per file and the problems found. */

export interface ImportProblem {
  file: string;
  line: number;
  field: string;
  value: string;
  message: string;
}

export interface FileCounts {
  read: number;
  accepted: number;
  skipped: number;
  deleted: number;
}

export interface ImportReport {
  outcome: 'accepted' | 'rejected';
  version: '1.1' | '1.2';
  mode: 'bulk' | 'delta';
  districtId: string | null;
  counts: Record<string, FileCounts>;
  problems: ImportProblem[];
  /** The structural problem that rejected the whole import. */
  error?: string;
}

export interface ImportOptions {
  strict?: boolean;
  districtSourcedId?: string;
  isDemo?: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
}

/** `FILE:LINE: field "value": message`, the form operators read and grep. */
export function formatProblem(p: ImportProblem): string {
  return `${p.file}:${p.line}: ${p.field} "${truncate(p.value)}": ${p.message}`;
}

function truncate(value: string): string {
  const oneLine = value.replace(/\r?\n|\r/g, '\\n');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

export function emptyCounts(): FileCounts {
  return { read: 0, accepted: 0, skipped: 0, deleted: 0 };
}

/** A structural problem: the whole import is rejected with this message. */
export class RejectImport extends Error {}
