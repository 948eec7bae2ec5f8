/**
 * What a project's one-page summary and its change package say, built from the
 * project's data as plain values, and the change package rendered as Markdown.
 * Pure: the server gathers the data (src/server/routes/improvement-reports.ts),
 * the web page and the PDF lay it out.
 */
import { childrenOf, type DriverNode } from '../diagnosis/driverTree.ts';
import { aimSentence, formatSchoolDate } from './aim.ts';
import { JOB_CHOICES } from './playbooks.ts';
import type { ActDecision, Aim, Job, MeasureKind, ProjectStatus, Scale } from './types.ts';

export interface ReportCycle {
  id: string;
  title: string;
  changeIdeaId: string | null;
  previousCycleId: string | null;
  scale: Scale;
  question: string;
  prediction: string;
  startedOn: string | null;
  results: string;
  decision: ActDecision | null;
  nextStep: string;
}

export interface ReportMeasure {
  id: string;
  name: string;
  kind: MeasureKind;
  /** The latest value with its date, or null when the measure has none. */
  latest: { x: string; y: number } | null;
  /** The chart's plain-language summary (src/core/spc/explain.ts), or why there is no chart. */
  signal: string;
  /** True when the chart shows a signal of special cause (a shift, trend or point outside the limits). */
  hasSignal: boolean;
}

export interface ReportChangeIdea {
  id: string;
  title: string;
  description: string;
  parentNodeId: string | null;
}

export interface ReportInput {
  title: string;
  job: Job;
  status: ProjectStatus;
  aim: Aim;
  scopeName: string;
  members: { name: string; role: string; department: string | null }[];
  driverNodes: DriverNode[];
  changeIdeas: ReportChangeIdea[];
  cycles: ReportCycle[];
  measures: ReportMeasure[];
  timeline: { at: string; summary: string }[];
}

/** The driver diagram as nested items, compact enough for paper. */
export interface OutlineItem {
  text: string;
  kind: DriverNode['kind'];
  children: OutlineItem[];
}

export function driverOutline(nodes: readonly DriverNode[]): OutlineItem[] {
  const build = (parentId: string | null): OutlineItem[] =>
    childrenOf(nodes, parentId).map((node) => ({ text: node.text, kind: node.kind, children: build(node.id) }));
  return build(null);
}

/**
 * The drivers a change idea hangs under, from the primary driver down: the path
 * from the aim to its node, without the aim and without a change-idea node (the
 * idea itself).
 */
export function driverPath(nodes: readonly DriverNode[], nodeId: string | null): string[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const path: string[] = [];
  const seen = new Set<string>();
  let current = nodeId ? byId.get(nodeId) : undefined;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    if (current.kind === 'primary' || current.kind === 'secondary') path.unshift(current.text);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}

const DECISION_WORDS: Record<ActDecision, string> = { adopt: 'Adopt', adapt: 'Adapt', abandon: 'Abandon' };

export function decisionWord(decision: ActDecision | null): string {
  return decision ? DECISION_WORDS[decision] : 'Not decided yet';
}

/** Text from a form as one Markdown line: no line breaks, and characters that would start markup escaped. */
export function markdownText(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

const orNone = (text: string, none: string) => (text.trim() === '' ? `_${none}_` : markdownText(text));

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/**
 * The change package: each change idea with where it sits in the driver diagram,
 * the cycles that tested it (scale, prediction against result, decision), and
 * what the measures say now. Cycles that name no change idea come last.
 */
export function renderChangePackage(input: ReportInput, today: string): string {
  const lines: string[] = [];
  lines.push(`# Change package: ${markdownText(input.title)}`, '');
  lines.push(`${JOB_CHOICES[input.job].name} project · ${markdownText(input.scopeName)} · ${input.status} · ${formatSchoolDate(today)}`, '');
  lines.push(`**Aim:** ${markdownText(aimSentence(input.aim))}`, '');

  lines.push('## Measure evidence', '');
  if (input.measures.length === 0) lines.push('_No measures yet._', '');
  for (const measure of input.measures) {
    const latest = measure.latest ? `latest ${formatNumber(measure.latest.y)} on ${formatSchoolDate(measure.latest.x)}` : 'no values yet';
    lines.push(`- **${markdownText(measure.name)}** (${measure.kind}): ${latest}. ${markdownText(measure.signal)}`);
  }
  lines.push('');

  const ideaIds = new Set(input.changeIdeas.map((idea) => idea.id));
  lines.push('## Change ideas', '');
  if (input.changeIdeas.length === 0) lines.push('_No change ideas yet._', '');
  input.changeIdeas.forEach((idea, i) => {
    lines.push(`### ${i + 1}. ${markdownText(idea.title)}`, '');
    const path = driverPath(input.driverNodes, idea.parentNodeId);
    lines.push(`**Driver path:** ${path.length > 0 ? path.map(markdownText).join(' → ') : '_not placed in the driver diagram_'}`, '');
    if (idea.description.trim()) lines.push(markdownText(idea.description), '');
    const cycles = input.cycles.filter((cycle) => cycle.changeIdeaId === idea.id);
    lines.push(...cycleLines(cycles));
  });

  const untied = input.cycles.filter((cycle) => !cycle.changeIdeaId || !ideaIds.has(cycle.changeIdeaId));
  if (untied.length > 0) {
    lines.push('## Cycles not tied to a change idea', '');
    lines.push(...cycleLines(untied));
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function cycleLines(cycles: readonly ReportCycle[]): string[] {
  if (cycles.length === 0) return ['_No PDSA cycles have tested it yet._', ''];
  const lines = ['| Cycle | Scale | Started | Prediction | Result | Decision |', '|---|---|---|---|---|---|'];
  for (const cycle of cycles) {
    const decision = cycle.decision && cycle.nextStep.trim() ? `${decisionWord(cycle.decision)}: ${markdownText(cycle.nextStep)}` : decisionWord(cycle.decision);
    lines.push(
      `| ${markdownText(cycle.title)} | ${cycle.scale} | ${cycle.startedOn ? formatSchoolDate(cycle.startedOn) : 'not started'} | ${orNone(cycle.prediction, 'none written')} | ${orNone(cycle.results, 'not studied yet')} | ${decision} |`,
    );
  }
  lines.push('');
  return lines;
}

/** The newest few timeline entries, for the summary's "latest learning". */
export function latestLearning(timeline: ReportInput['timeline'], count = 5): ReportInput['timeline'] {
  return [...timeline].sort((a, b) => b.at.localeCompare(a.at)).slice(0, count);
}
