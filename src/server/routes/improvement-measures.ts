/**
 * A project's measures: their definitions and chart options, their values (typed
 * or from a CSV file, replaced whole and all-or-nothing; or live, recomputed from
 * Trellis data whenever the measures are read), and their chart — the
 * measurement engine's result and plain-language explanation, with the project's
 * PDSA cycles as events.
 */
import { Type } from '@fastify/type-provider-typebox';
import { cycleEvents } from '../../core/improvement/cycles.ts';
import { describeLiveDefinition, LiveDefinitionError, parseLiveDefinition, type LiveDefinition } from '../../core/improvement/live-measures.ts';
import type { MeasureSource } from '../../core/improvement/types.ts';
import { checkTypedValues, isIsoDate, MAX_VALUES, ValuesError, type ValueRow } from '../../core/improvement/values.ts';
import { analyseChart } from '../../core/spc/analyse.ts';
import { SpcInputError } from '../../core/spc/errors.ts';
import { explainChart } from '../../core/spc/explain.ts';
import type { ChartResult } from '../../core/spc/types.ts';
import { recordTimeline } from '../../db/improvement.ts';
import { listCycles } from '../../db/improvement-cycles.ts';
import { deleteMeasure, getMeasure, insertMeasure, listMeasures, listValues, replaceValues, updateMeasure, type Measure, type MeasureValue } from '../../db/improvement-measures.ts';
import type { Sql } from '../../db/database.ts';
import type { ProjectSummary } from '../../db/improvement.ts';
import { liveDefinitionProblem, refreshLiveMeasures } from '../../db/live-measures.ts';
import { outcomeCatalogue } from '../../db/outcomes.ts';
import { parseMeasureCsv } from '../../ingest/measures/csv.ts';
import { accountOf, scopeOf } from '../plugins/auth.ts';
import { notFound, Problem } from '../problem.ts';
import { Items, problems } from '../schemas.ts';
import { visibleProject } from './improvement-facts.ts';
import { CsvBody, ImportedOutcome, Measure as MeasureSchema, MeasureChart, MeasureDetail, MeasureParams, MeasurePatch, NewMeasure, ProjectParams, ValuesBody } from './improvement-schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

const tags = ['improvement'];

/** A CSV file's rows through the measures parser (FILE:LINE errors), with dates on the x axis. */
export function csvValues(text: string, columns: { x: string; y: string; n?: string }, fileName: string): ValueRow[] {
  let rows;
  try {
    rows = parseMeasureCsv(text, { x: columns.x, y: columns.y, n: columns.n || undefined }, fileName);
  } catch (error) {
    if (error instanceof SpcInputError) throw new ValuesError(error.message);
    throw error;
  }
  if (rows.length > MAX_VALUES) throw new ValuesError(`${fileName}: at most ${MAX_VALUES} rows per measure.`);
  return rows.map((row) => {
    const x = String(row.x);
    if (!isIsoDate(x)) throw new ValuesError(`${fileName}:${row.line}: ${columns.x} "${x}": not a date (write it as YYYY-MM-DD, e.g. 2025-09-01)`);
    if (row.n !== undefined && row.n !== null && row.n < 0) throw new ValuesError(`${fileName}:${row.line}: ${columns.n} "${row.n}": cannot be negative`);
    return { x, y: row.y, n: row.n ?? null };
  });
}

/** The measure with a sentence saying what it counts, when it is live. */
export function describedMeasure(measure: Measure): Measure & { liveDescription: string | null } {
  if (measure.source !== 'live' || measure.liveDefinition === null) return { ...measure, liveDescription: null };
  try {
    return { ...measure, liveDescription: describeLiveDefinition(parseLiveDefinition(measure.liveDefinition, null)) };
  } catch (error) {
    if (error instanceof LiveDefinitionError) return { ...measure, liveDescription: null };
    throw error;
  }
}

/**
 * The live definition a create or edit asks for, checked against the roster and
 * skills (400 with the reason): undefined when the request leaves it alone, null
 * when the measure is not (or no longer) live.
 */
async function requestedDefinition(
  sql: Sql,
  districtId: string,
  project: ProjectSummary,
  source: MeasureSource,
  raw: Record<string, unknown> | null | undefined,
  required: boolean,
): Promise<LiveDefinition | null | undefined> {
  if (source !== 'live') {
    if (raw) throw new Problem(400, 'A live definition needs the source "live".');
    return raw === undefined && !required ? undefined : null;
  }
  if (raw === undefined && !required) return undefined;
  if (!raw) throw new Problem(400, 'A live measure needs its definition (liveDefinition): what to count, for which team.');
  let definition: LiveDefinition;
  try {
    definition = parseLiveDefinition(raw, project.scope.kind === 'team' ? project.scope.id : null);
  } catch (error) {
    if (error instanceof LiveDefinitionError) throw new Problem(400, `liveDefinition: ${error.message}`);
    throw error;
  }
  const problem = await liveDefinitionProblem(sql, districtId, definition, project.id);
  if (problem) throw new Problem(400, `liveDefinition: ${problem}`);
  return definition;
}

/** The measure's chart, or why there is none yet (no values, too few for the chart type...). */
export async function measureChart(sql: Sql, districtId: string, projectId: string, measure: Measure) {
  const [values, cycles] = await Promise.all([listValues(sql, districtId, measure.id), listCycles(sql, districtId, projectId)]);
  const events = cycleEvents(cycles.map((c) => ({ id: c.id, title: c.title, doStartedOn: c.do.startedOn })), values.map((v) => v.x));
  if (values.length === 0) {
    const problem = !(measure.source === 'live' && measure.liveDefinition)
      ? 'There are no values yet: type them or upload a CSV file.'
      : measure.liveDefinition.kind === 'imported_outcome'
        ? 'There are no values yet: no figures of this outcome have been imported for the project’s schools.'
        : 'There are no values yet: the team has no data of this kind in the periods counted.';
    return { measure, events, result: null, explanation: null, problem };
  }
  let result: ChartResult;
  try {
    // A value without a denominator has none: the engine reads a present n (even null) as a denominator column.
    const rows = values.map((v) => (v.n === null ? { x: v.x, y: v.y } : { x: v.x, y: v.y, n: v.n }));
    result = analyseChart(rows, measure.chartOptions, { y: measure.name });
  } catch (error) {
    if (error instanceof SpcInputError) return { measure, events, result: null, explanation: null, problem: error.message };
    throw error;
  }
  return { measure, events, result, explanation: explainChart(result, { measure: measure.name, events }), problem: null };
}

export function improvementMeasureRoutes(app: Api, { db }: RouteContext): void {
  const found = async (districtId: string, projectId: string, measureId: string): Promise<Measure> => {
    const measure = await getMeasure(db, districtId, projectId, measureId);
    if (!measure) throw notFound('measure of this project');
    return describedMeasure(measure);
  };

  const saveValues = async (request: Parameters<typeof scopeOf>[0], projectId: string, measure: Measure, values: MeasureValue[], how: string, source: 'manual' | 'csv') => {
    const { districtId } = scopeOf(request);
    if (measure.source === 'live' && measure.liveDefinition) {
      throw new Problem(400, `“${measure.name}” is live: Trellis computes its values. Change its source to manual or CSV to enter values by hand.`);
    }
    await db.transaction(async (tx) => {
      await replaceValues(tx, districtId, measure.id, values);
      if (measure.source !== source && measure.source !== 'live') await updateMeasure(tx, districtId, projectId, measure.id, { source });
      await recordTimeline(tx, districtId, projectId, accountOf(request).id, 'measure.values', `${values.length} values of “${measure.name}” ${how}.`);
    });
    const updated = await found(districtId, projectId, measure.id);
    return { ...updated, values: await listValues(db, districtId, measure.id) };
  };

  app.get(
    '/api/improvement/outcomes',
    {
      config: { access: ACCESS.staff },
      schema: { tags, summary: 'The imported outcomes a measure can chart: each with the schools you can see that have values, and their periods', response: { 200: Items(ImportedOutcome), ...problems(401, 403) } },
    },
    async (request) => ({ items: await outcomeCatalogue(db, scopeOf(request)) }),
  );

  app.get(
    '/api/improvement/projects/:id/measures',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'The project’s measures: outcome, process, balancing', params: ProjectParams, response: { 200: Items(MeasureSchema), ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const project = await visibleProject(db, request, request.params.id);
      await refreshLiveMeasures(db, scopeOf(request).districtId, project.id);
      return { items: (await listMeasures(db, scopeOf(request).districtId, project.id)).map(describedMeasure) };
    },
  );

  app.post(
    '/api/improvement/projects/:id/measures',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Add a measure', params: ProjectParams, body: NewMeasure, response: { 201: MeasureDetail, ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const { districtId } = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const liveDefinition = await requestedDefinition(db, districtId, project, request.body.source ?? 'manual', request.body.liveDefinition, true);
      const input = { chartOptions: { chart: 'run' as const }, ...request.body, liveDefinition: liveDefinition as Record<string, unknown> | null, name: request.body.name.trim() };
      const id = await db.transaction(async (tx) => {
        const id = await insertMeasure(tx, districtId, project.id, input);
        await recordTimeline(tx, districtId, project.id, accountOf(request).id, 'measure.added', `${input.kind[0]!.toUpperCase()}${input.kind.slice(1)} measure “${input.name}” added.`);
        return id;
      });
      if (liveDefinition) await refreshLiveMeasures(db, districtId, project.id, { measureId: id });
      reply.code(201);
      return { ...(await found(districtId, project.id, id)), values: await listValues(db, districtId, id) };
    },
  );

  app.get(
    '/api/improvement/projects/:id/measures/:measureId',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'A measure with its values', params: MeasureParams, response: { 200: MeasureDetail, ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const { districtId } = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      await refreshLiveMeasures(db, districtId, project.id, { measureId: request.params.measureId });
      const measure = await found(districtId, project.id, request.params.measureId);
      return { ...measure, values: await listValues(db, districtId, measure.id) };
    },
  );

  app.patch(
    '/api/improvement/projects/:id/measures/:measureId',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Change a measure’s name, definition or chart options', params: MeasureParams, body: MeasurePatch, response: { 200: MeasureDetail, ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const { districtId } = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const measure = await found(districtId, project.id, request.params.measureId);
      const source = request.body.source ?? measure.source;
      // Switching to live needs a definition; switching away drops it.
      const liveDefinition = await requestedDefinition(db, districtId, project, source, request.body.liveDefinition, source !== measure.source);
      await db.transaction(async (tx) => {
        await updateMeasure(tx, districtId, project.id, measure.id, { ...request.body, liveDefinition: liveDefinition as Record<string, unknown> | null | undefined, name: request.body.name?.trim() });
        await recordTimeline(tx, districtId, project.id, accountOf(request).id, 'measure.changed', `Measure “${request.body.name?.trim() ?? measure.name}” edited.`);
      });
      if (liveDefinition) await refreshLiveMeasures(db, districtId, project.id, { measureId: measure.id });
      return { ...(await found(districtId, project.id, measure.id)), values: await listValues(db, districtId, measure.id) };
    },
  );

  app.delete(
    '/api/improvement/projects/:id/measures/:measureId',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Delete a measure and its values', params: MeasureParams, response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const { districtId } = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const measure = await found(districtId, project.id, request.params.measureId);
      await db.transaction(async (tx) => {
        await deleteMeasure(tx, districtId, project.id, measure.id);
        await recordTimeline(tx, districtId, project.id, accountOf(request).id, 'measure.removed', `Measure “${measure.name}” deleted.`);
      });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/improvement/projects/:id/measures/:measureId/values',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Replace the values with typed ones (all or nothing)', params: MeasureParams, body: ValuesBody, response: { 200: MeasureDetail, ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const { districtId } = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const measure = await found(districtId, project.id, request.params.measureId);
      let values: ValueRow[];
      try {
        values = checkTypedValues(request.body.values);
      } catch (error) {
        if (error instanceof ValuesError) throw new Problem(400, error.message);
        throw error;
      }
      return saveValues(request, project.id, measure, values, 'typed in', 'manual');
    },
  );

  app.post(
    '/api/improvement/projects/:id/measures/:measureId/values/csv',
    {
      config: { access: ACCESS.staff },
      schema: { tags, summary: 'Replace the values from a CSV file’s text: x column of dates, value and optional denominator (all or nothing)', params: MeasureParams, body: CsvBody, response: { 200: MeasureDetail, ...problems(400, 401, 403, 404, 413) } },
      bodyLimit: 6 * 1024 * 1024,
    },
    async (request) => {
      const { districtId } = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const measure = await found(districtId, project.id, request.params.measureId);
      const fileName = request.body.fileName ?? 'data.csv';
      let values: ValueRow[];
      try {
        values = csvValues(request.body.text, request.body.columns, fileName);
      } catch (error) {
        if (error instanceof ValuesError) throw new Problem(400, error.message);
        throw error;
      }
      return saveValues(request, project.id, measure, values, `uploaded from ${fileName}`, 'csv');
    },
  );

  app.get(
    '/api/improvement/projects/:id/measures/:measureId/chart',
    {
      config: { access: ACCESS.staff },
      schema: { tags, summary: 'The measure’s run or control chart with the project’s PDSA cycles as events', params: MeasureParams, response: { 200: MeasureChart, ...problems(400, 401, 403, 404) } },
    },
    async (request) => {
      const { districtId } = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      await refreshLiveMeasures(db, districtId, project.id, { measureId: request.params.measureId });
      return measureChart(db, districtId, project.id, await found(districtId, project.id, request.params.measureId));
    },
  );
}
