/**
 * Whether the signed-in person may change the project on screen. The server
 * decides (members and district admins change a project; other staff who see it
 * read it, and get 403 if they try); the page only hides the controls that
 * would fail, so readers see the same project without forms they cannot use.
 */
import { Alert } from '@mantine/core';
import { createContext, useContext, type ReactNode } from 'react';
import { joinWithOr } from '../../../core/improvement/editing.ts';
import type { ProjectDetail } from './types.ts';

// Outside a project page (and in older tests) nothing is read-only: the server still guards every change.
const CanEditContext = createContext(true);

export function CanEditProvider({ canEdit, children }: { canEdit: boolean; children: ReactNode }) {
  return <CanEditContext.Provider value={canEdit}>{children}</CanEditContext.Provider>;
}

export function useCanEdit(): boolean {
  return useContext(CanEditContext);
}

/** Its children only for people who may change the project. */
export function EditOnly({ children }: { children: ReactNode }) {
  return useCanEdit() ? <>{children}</> : null;
}

/** Whom a reader asks to be added: the project's leads, or a district admin when it has none. */
export function whomToAsk(project: Pick<ProjectDetail, 'members'>): string {
  const leads = project.members.filter((m) => m.role === 'lead').map((m) => m.name);
  return leads.length > 0 ? joinWithOr(leads) : 'a district admin';
}

/** Tells a reader why there are no forms and whom to ask; nothing for people who may edit. */
export function ReadOnlyNotice({ project }: { project: Pick<ProjectDetail, 'canEdit' | 'members'> }) {
  if (project.canEdit) return null;
  // A named region rather than role=alert: it is the state of the page, not news to interrupt with.
  return (
    <Alert variant="light" role="region" title="You are reading this project" mb="md">
      {`Only its members and district admins can change it. Ask ${whomToAsk(project)} to add you.`}
    </Alert>
  );
}
