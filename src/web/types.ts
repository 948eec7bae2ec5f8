// Shapes of the Trellis HTTP API (docs/api.md): the server's response schemas
// are the one description of them, so the pages read the same types.
export type {
  ClassSummary,
  ImportCounts,
  ImportProblem,
  ImportReport,
  ImportRun,
  Me,
  Role,
  School,
  StudentProfile,
  StudentSummary,
  Team,
  TeamRole,
  TeamSummary,
} from '../server/schemas.ts';

/** A page of a list: `next` is the cursor of the following page, absent or null on the last. */
export interface Page<T> {
  items: T[];
  next?: string | null;
}
