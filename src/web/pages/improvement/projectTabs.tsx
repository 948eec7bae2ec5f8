/**
 * The tabs of a project page, in order: add a tab here (and only here) to give
 * every project a new panel. Each panel gets the project and a way to reload it.
 */
import type { ReactNode } from 'react';
import { CyclesPanel } from './CyclesPanel.tsx';
import { DiagnosisTab } from './diagnosis/DiagnosisTab.tsx';
import { DriverDiagramTab } from './driver/DriverDiagramTab.tsx';
import { MeasuresPanel } from './MeasuresPanel.tsx';
import { OverviewPanel } from './OverviewPanel.tsx';
import { TimelinePanel } from './TimelinePanel.tsx';
import type { ProjectDetail } from './types.ts';

export interface ProjectTabProps {
  project: ProjectDetail;
  /** Reloads the project (after a change that affects its playbook, members or aim). */
  reloadProject: () => void;
}

export interface ProjectTab {
  /** In the URL: /improvement/:id?tab=<value>. */
  value: string;
  label: string;
  render: (props: ProjectTabProps) => ReactNode;
}

export const PROJECT_TABS: ProjectTab[] = [
  { value: 'overview', label: 'Overview', render: (props) => <OverviewPanel {...props} /> },
  { value: 'diagnosis', label: 'Diagnosis', render: ({ project }) => <DiagnosisTab projectId={project.id} /> },
  { value: 'driver', label: 'Driver diagram', render: ({ project }) => <DriverDiagramTab projectId={project.id} projectAim={project.aimCheck.complete ? project.aimSentence : ''} /> },
  { value: 'measures', label: 'Measures', render: (props) => <MeasuresPanel {...props} /> },
  { value: 'cycles', label: 'PDSA cycles', render: (props) => <CyclesPanel {...props} /> },
  { value: 'timeline', label: 'Timeline', render: (props) => <TimelinePanel {...props} /> },
];
