// The API shapes the browser tests use to arrange their data, shared with the web app.
export type { Me, Page, StudentSummary, TeamSummary } from '../../src/web/types.ts';
