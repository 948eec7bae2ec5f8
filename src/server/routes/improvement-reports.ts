/**
 * A project's reports: the one-page summary (as JSON for the web page and as a
 * PDF made on the server) and the change package as Markdown. Both read the
 * same gathered data (src/core/improvement/report.ts), so paper and screen agree.
 */
import { Type } from '@fastify/type-provider-typebox';
import { renderChartSvg } from '../../charts/spc-svg.ts';
import { aimSentence } from '../../core/improvement/aim.ts';
import { JOB_CHOICES } from '../../core/improvement/playbooks.ts';
import { driverOutline, latestLearning, renderChangePackage, type ReportInput, type ReportMeasure } from '../../core/improvement/report.ts';
import type { Database } from '../../db/database.ts';
import { refreshLiveMeasures } from '../../db/live-measures.ts';
import { getDriverDiagram } from '../../db/diagnosis.ts';
import { listMembers, listTimeline, type ProjectSummary } from '../../db/improvement.ts';
import { listChangeIdeas, listCycles } from '../../db/improvement-cycles.ts';
import { listMeasures, listValues } from '../../db/improvement-measures.ts';
import { scopeOf } from '../plugins/auth.ts';
import { problems } from '../schemas.ts';
import { today, visibleProject } from './improvement-facts.ts';
import { measureChart } from './improvement-measures.ts';
import { summaryPdf } from './improvement-summary-pdf.ts';
import { ProjectParams } from './improvement-schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

const tags = ['improvement'];

export interface ProjectReport {
  input: ReportInput;
  /** The outcome measure's chart as SVG with the PDSA cycles marked, when there is one to draw. */
  outcome: { name: string; summary: string; svg: string | null } | null;
}

/** Everything the summary and the change package show, read once; live measures are recomputed first, as on the measures page. */
export async function gatherReport(sql: Database, districtId: string, project: ProjectSummary): Promise<ProjectReport> {
  await refreshLiveMeasures(sql, districtId, project.id);
  const ref = { districtId, projectId: project.id };
  const [members, nodes, ideas, cycles, measures, timeline] = await Promise.all([
    listMembers(sql, districtId, project.id),
    getDriverDiagram(sql, ref),
    listChangeIdeas(sql, districtId, project.id),
    listCycles(sql, districtId, project.id),
    listMeasures(sql, districtId, project.id),
    listTimeline(sql, districtId, project.id),
  ]);
  let outcome: ProjectReport['outcome'] = null;
  const reportMeasures: ReportMeasure[] = [];
  for (const measure of measures) {
    const [chart, values] = await Promise.all([measureChart(sql, districtId, project.id, measure), listValues(sql, districtId, measure.id)]);
    const last = [...values].reverse().find((v) => v.y !== null);
    const signal = chart.explanation?.summary ?? chart.problem ?? '';
    reportMeasures.push({ id: measure.id, name: measure.name, kind: measure.kind, latest: last ? { x: last.x, y: last.y! } : null, signal, hasSignal: chart.result?.signal ?? false });
    if (measure.kind === 'outcome' && outcome === null) {
      const svg = chart.result
        ? renderChartSvg(chart.result, { title: measure.name, summary: signal, events: chart.events, width: 720, height: 300 })
        : null;
      outcome = { name: measure.name, summary: signal, svg };
    }
  }
  return {
    input: {
      title: project.title,
      job: project.job,
      status: project.status,
      aim: project.aim,
      scopeName: project.scope.name,
      members: members.map((m) => ({ name: m.name, role: m.role, department: m.department })),
      driverNodes: nodes.map(({ changeIdeas: _ideas, ...node }) => node),
      changeIdeas: ideas.map((idea) => ({ id: idea.id, title: idea.title, description: idea.description, parentNodeId: idea.parentNodeId })),
      cycles: cycles.map((c) => ({
        id: c.id,
        title: c.title,
        changeIdeaId: c.changeIdeaId,
        previousCycleId: c.previousCycleId,
        scale: c.scale,
        question: c.plan.question,
        prediction: c.plan.prediction,
        startedOn: c.do.startedOn,
        results: c.study.results,
        decision: c.act.decision,
        nextStep: c.act.nextStep,
      })),
      measures: reportMeasures,
      timeline: timeline.map((e) => ({ at: e.at, summary: e.summary })),
    },
    outcome,
  };
}

/** The summary as the web page and the PDF lay it out. */
export function summaryView(report: ProjectReport) {
  const { input } = report;
  return {
    title: input.title,
    job: JOB_CHOICES[input.job].name,
    status: input.status,
    scopeName: input.scopeName,
    aimSentence: aimSentence(input.aim),
    members: input.members,
    driverOutline: driverOutline(input.driverNodes),
    outcome: report.outcome,
    cycles: input.cycles,
    measures: input.measures,
    latest: latestLearning(input.timeline, 5),
  };
}
export type SummaryView = ReturnType<typeof summaryView>;

const Summary = Type.Object({
  title: Type.String(),
  job: Type.String(),
  status: Type.String(),
  scopeName: Type.String(),
  aimSentence: Type.String(),
  members: Type.Array(Type.Object({ name: Type.String(), role: Type.String(), department: Type.Union([Type.Null(), Type.String()]) })),
  driverOutline: Type.Array(Type.Unknown({ description: 'nested { text, kind, children } from the aim down' })),
  outcome: Type.Union([Type.Null(), Type.Object({ name: Type.String(), summary: Type.String(), svg: Type.Union([Type.Null(), Type.String()]) })]),
  cycles: Type.Array(Type.Unknown()),
  measures: Type.Array(Type.Unknown()),
  latest: Type.Array(Type.Object({ at: Type.String(), summary: Type.String() })),
});

/** A file name from the title: letters, digits and dashes only. */
function fileName(title: string, extension: string): string {
  const base = title.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).toLowerCase() || 'project';
  return `${base}-${extension}`;
}

export function improvementReportRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/improvement/projects/:id/summary',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'The one-page summary: aim, driver diagram, outcome chart with cycles, cycles, latest learning', params: ProjectParams, response: { 200: Summary, ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const project = await visibleProject(db, request, request.params.id);
      return summaryView(await gatherReport(db, scopeOf(request).districtId, project));
    },
  );

  app.get(
    '/api/improvement/projects/:id/summary.pdf',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'The one-page summary as a PDF (A4 or Letter)', params: ProjectParams, querystring: Type.Object({ paper: Type.Optional(Type.Union([Type.Literal('a4'), Type.Literal('letter')])) }), response: { 200: Type.Unknown({ description: 'application/pdf' }), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const project = await visibleProject(db, request, request.params.id);
      const view = summaryView(await gatherReport(db, scopeOf(request).districtId, project));
      const pdf = await summaryPdf(view, { paper: request.query.paper ?? 'a4', today: today() });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName(project.title, 'summary.pdf')}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/api/improvement/projects/:id/change-package.md',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'The change package as Markdown: each change idea with its driver path, cycles and measure evidence', params: ProjectParams, response: { 200: Type.Unknown({ description: 'text/markdown' }), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const project = await visibleProject(db, request, request.params.id);
      const report = await gatherReport(db, scopeOf(request).districtId, project);
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(project.title, 'change-package.md')}"`)
        .header('cache-control', 'no-store')
        .send(renderChangePackage(report.input, today()));
    },
  );
}
