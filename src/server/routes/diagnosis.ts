/**
 * Diagnosis tools and the driver diagram of an improvement project, under
 * /api/improvement/projects/:id/. Anyone on the staff who can see the project
 * (src/db/improvement.ts projectVisible) may read them; only its members and
 * district admins change them (improvement-editing.ts guards every change). Each change
 * answers with the whole tool as it now stands, so the page redraws from one answer.
 */
import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { NODE_KINDS, TreeError } from '../../core/diagnosis/driverTree.ts';
import { ELEMENT_KINDS, LINK_KINDS } from '../../core/diagnosis/interdependency.ts';
import type { Database } from '../../db/database.ts';
import * as diagnosis from '../../db/diagnosis.ts';
import { getProject, recordTimeline } from '../../db/improvement.ts';
import { accountOf, scopeOf } from '../plugins/auth.ts';
import { notFound, Problem } from '../problem.ts';
import { problems } from '../schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

const Uuid = Type.String({ format: 'uuid' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Position = Type.Integer({ minimum: 0, maximum: 10_000 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Created = { createdId: Type.Optional(Type.String({ description: 'The id of what a POST created' })) };

const ProjectParams = Type.Object({ id: Uuid });
const params = <K extends string>(...names: K[]) =>
  Type.Object({ id: Uuid, ...(Object.fromEntries(names.map((n) => [n, Uuid])) as Record<K, typeof Uuid>) });

const FishboneCause = Type.Object({ id: Type.String(), text: Type.String(), votes: Type.Integer(), votedByMe: Type.Boolean(), createdAt: Type.String() });
const Fishbone = Type.Object({
  categories: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), position: Type.Integer(), causes: Type.Array(FishboneCause) })),
  ...Created,
});
const FiveWhys = Type.Object({
  chains: Type.Array(
    Type.Object({
      id: Type.String(),
      problem: Type.String(),
      rootCause: Type.String(),
      steps: Type.Array(Type.Object({ id: Type.String(), position: Type.Integer(), question: Type.String(), answer: Type.String() })),
    }),
  ),
  ...Created,
});
const PainPoints = Type.Array(Text(500), { maxItems: 50 });
const ProcessMap = Type.Object({
  steps: Type.Array(Type.Object({ id: Type.String(), position: Type.Integer(), text: Type.String(), painPoints: Type.Array(Type.String()) })),
  ...Created,
});
const ElementKind = Type.Enum(ELEMENT_KINDS);
const LinkKind = Type.Enum(LINK_KINDS);
const SystemMap = Type.Object({
  elements: Type.Array(Type.Object({ id: Type.String(), kind: ElementKind, name: Type.String() })),
  links: Type.Array(Type.Object({ id: Type.String(), fromId: Type.String(), toId: Type.String(), kind: LinkKind, note: Type.String() })),
  analysis: Type.Object({
    conflicts: Type.Array(Type.Object({ linkId: Type.String(), aId: Type.String(), bId: Type.String(), note: Type.String() })),
    chains: Type.Array(Type.Array(Type.String())),
    cycles: Type.Array(Type.Array(Type.String())),
    stalls: Type.Array(Type.Object({ elementId: Type.String(), obstacleIds: Type.Array(Type.String()), sentence: Type.String() })),
  }),
  ...Created,
});
const DriverDiagram = Type.Object({
  nodes: Type.Array(
    Type.Object({
      id: Type.String(),
      parentId: Nullable(Type.String()),
      kind: Type.Enum(NODE_KINDS),
      text: Type.String(),
      position: Type.Integer(),
      changeIdeas: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), cycleCount: Type.Integer() })),
    }),
  ),
  ...Created,
});

/** Refuses a text that is only spaces; returns it trimmed. */
function filled<T extends string | undefined>(value: T, field: string): T {
  if (value === undefined) return value;
  const trimmed = value.trim();
  if (trimmed === '') throw new Problem(400, `The field "${field}" must not be blank.`);
  return trimmed as T;
}

const gone = (what: string) => new Problem(404, `There is no ${what} with that id in this project.`);

export function diagnosisRoutes(app: Api, { db }: RouteContext): void {
  /** The project the request names, if the caller sees it; the district is always the caller's. */
  async function projectOf(request: FastifyRequest) {
    // Every route here validates :id as a uuid before the handler runs.
    const { id } = request.params as { id: string };
    const scope = scopeOf(request);
    const account = accountOf(request);
    const project = await getProject(db, { scope, accountId: account.id }, id);
    if (!project) throw notFound('improvement project');
    const ref = { districtId: scope.districtId, projectId: project.id };
    const log = (kind: string, summary: string) => recordTimeline(db, ref.districtId, ref.projectId, account.id, kind, summary);
    return { ref, accountId: account.id, log };
  }

  const base = '/api/improvement/projects/:id';
  const route = (summary: string, parameters: TSchema, response: TSchema, body?: TSchema, created = false) => ({
    config: { access: ACCESS.staff },
    schema: {
      tags: ['diagnosis'],
      summary,
      params: parameters,
      ...(body ? { body } : {}),
      response: { [created ? 201 : 200]: response, ...problems(400, 401, 403, 404, 409) },
    },
  });

  // Fishbone ----------------------------------------------------------------
  const fishbone = (db: Database, ref: diagnosis.ProjectRef, accountId: string, createdId?: string) =>
    diagnosis.getFishbone(db, ref, accountId).then((view) => ({ ...view, ...(createdId ? { createdId } : {}) }));

  app.get(`${base}/fishbone`, route('The fishbone: categories, and causes ranked by votes', ProjectParams, Fishbone), async (request) => {
    const { ref, accountId } = await projectOf(request);
    return fishbone(db, ref, accountId);
  });

  const NewCategory = Type.Object({ name: Text(120) });
  app.post(
    `${base}/fishbone/categories`,
    route('Add a fishbone category', ProjectParams, Fishbone, NewCategory, true),
    async (request: FastifyRequest<{ Params: Static<typeof ProjectParams>; Body: Static<typeof NewCategory> }>, reply) => {
      const { ref, accountId } = await projectOf(request);
      await diagnosis.getFishbone(db, ref, accountId); // writes the defaults first, so a new category joins them
      const id = await diagnosis.addFishboneCategory(db, ref, filled(request.body.name, 'name'));
      return reply.code(201).send(await fishbone(db, ref, accountId, id));
    },
  );

  const CategoryChange = Type.Object({ name: Type.Optional(Text(120)), position: Type.Optional(Position) }, { minProperties: 1 });
  const CategoryParams = params('categoryId');
  app.patch(
    `${base}/fishbone/categories/:categoryId`,
    route('Rename or move a fishbone category', CategoryParams, Fishbone, CategoryChange),
    async (request: FastifyRequest<{ Params: Static<typeof CategoryParams>; Body: Static<typeof CategoryChange> }>) => {
      const { ref, accountId } = await projectOf(request);
      const change = { name: filled(request.body.name, 'name'), position: request.body.position };
      if (!(await diagnosis.updateFishboneCategory(db, ref, request.params.categoryId, change))) throw gone('fishbone category');
      return fishbone(db, ref, accountId);
    },
  );

  app.delete(
    `${base}/fishbone/categories/:categoryId`,
    route('Delete a fishbone category with its causes', CategoryParams, Fishbone),
    async (request: FastifyRequest<{ Params: Static<typeof CategoryParams> }>) => {
      const { ref, accountId } = await projectOf(request);
      if (!(await diagnosis.deleteFishboneCategory(db, ref, request.params.categoryId))) throw gone('fishbone category');
      return fishbone(db, ref, accountId);
    },
  );

  const NewCause = Type.Object({ categoryId: Uuid, text: Text(500) });
  app.post(
    `${base}/fishbone/causes`,
    route('Add a cause under a category', ProjectParams, Fishbone, NewCause, true),
    async (request: FastifyRequest<{ Params: Static<typeof ProjectParams>; Body: Static<typeof NewCause> }>, reply) => {
      const { ref, accountId, log } = await projectOf(request);
      const text = filled(request.body.text, 'text');
      const id = await diagnosis.addFishboneCause(db, ref, { categoryId: request.body.categoryId, text }, accountId);
      if (!id) throw new Problem(400, 'The category is not part of this project\'s fishbone.');
      await log('fishbone.cause_added', `Fishbone cause added: ${text}`);
      return reply.code(201).send(await fishbone(db, ref, accountId, id));
    },
  );

  const CauseParams = params('causeId');
  const CauseChange = Type.Object({ text: Type.Optional(Text(500)), categoryId: Type.Optional(Uuid) }, { minProperties: 1 });
  app.patch(
    `${base}/fishbone/causes/:causeId`,
    route('Edit a cause or move it to another category', CauseParams, Fishbone, CauseChange),
    async (request: FastifyRequest<{ Params: Static<typeof CauseParams>; Body: Static<typeof CauseChange> }>) => {
      const { ref, accountId } = await projectOf(request);
      const result = await diagnosis.updateFishboneCause(db, ref, request.params.causeId, {
        text: filled(request.body.text, 'text'),
        categoryId: request.body.categoryId,
      });
      if (result === 'not-found') throw gone('fishbone cause');
      if (result === 'bad-reference') throw new Problem(400, 'The category is not part of this project\'s fishbone.');
      return fishbone(db, ref, accountId);
    },
  );

  app.delete(
    `${base}/fishbone/causes/:causeId`,
    route('Delete a cause', CauseParams, Fishbone),
    async (request: FastifyRequest<{ Params: Static<typeof CauseParams> }>) => {
      const { ref, accountId } = await projectOf(request);
      if (!(await diagnosis.deleteFishboneCause(db, ref, request.params.causeId))) throw gone('fishbone cause');
      return fishbone(db, ref, accountId);
    },
  );

  for (const [method, on] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method](
      `${base}/fishbone/causes/:causeId/vote`,
      route(on ? 'Vote for a cause (one vote per account)' : 'Withdraw your vote on a cause', CauseParams, Fishbone),
      async (request: FastifyRequest<{ Params: Static<typeof CauseParams> }>) => {
        const { ref, accountId } = await projectOf(request);
        if (!(await diagnosis.setFishboneVote(db, ref, request.params.causeId, accountId, on))) throw gone('fishbone cause');
        return fishbone(db, ref, accountId);
      },
    );
  }

  // Five whys ---------------------------------------------------------------
  const whys = async (ref: diagnosis.ProjectRef, createdId?: string) => ({
    chains: await diagnosis.listWhyChains(db, ref),
    ...(createdId ? { createdId } : {}),
  });

  app.get(`${base}/five-whys`, route('The five-whys chains', ProjectParams, FiveWhys), async (request) => whys((await projectOf(request)).ref));

  const NewChain = Type.Object({ problem: Text(500) });
  app.post(
    `${base}/five-whys`,
    route('Start a five-whys chain from a problem', ProjectParams, FiveWhys, NewChain, true),
    async (request: FastifyRequest<{ Params: Static<typeof ProjectParams>; Body: Static<typeof NewChain> }>, reply) => {
      const { ref, log } = await projectOf(request);
      const problem = filled(request.body.problem, 'problem');
      const id = await diagnosis.addWhyChain(db, ref, problem);
      await log('five_whys.started', `Five whys started: ${problem}`);
      return reply.code(201).send(await whys(ref, id));
    },
  );

  const ChainParams = params('chainId');
  const ChainChange = Type.Object({ problem: Type.Optional(Text(500)), rootCause: Type.Optional(Type.String({ maxLength: 500 })) }, { minProperties: 1 });
  app.patch(
    `${base}/five-whys/:chainId`,
    route('Edit the problem or name the root cause', ChainParams, FiveWhys, ChainChange),
    async (request: FastifyRequest<{ Params: Static<typeof ChainParams>; Body: Static<typeof ChainChange> }>) => {
      const { ref } = await projectOf(request);
      const change = { problem: filled(request.body.problem, 'problem'), rootCause: request.body.rootCause?.trim() };
      if (!(await diagnosis.updateWhyChain(db, ref, request.params.chainId, change))) throw gone('five-whys chain');
      return whys(ref);
    },
  );

  app.delete(
    `${base}/five-whys/:chainId`,
    route('Delete a five-whys chain', ChainParams, FiveWhys),
    async (request: FastifyRequest<{ Params: Static<typeof ChainParams> }>) => {
      const { ref } = await projectOf(request);
      if (!(await diagnosis.deleteWhyChain(db, ref, request.params.chainId))) throw gone('five-whys chain');
      return whys(ref);
    },
  );

  const NewStep = Type.Object({ question: Text(500), answer: Type.Optional(Type.String({ maxLength: 1000 })) });
  app.post(
    `${base}/five-whys/:chainId/steps`,
    route('Ask the next why', ChainParams, FiveWhys, NewStep, true),
    async (request: FastifyRequest<{ Params: Static<typeof ChainParams>; Body: Static<typeof NewStep> }>, reply) => {
      const { ref } = await projectOf(request);
      const step = { question: filled(request.body.question, 'question'), answer: request.body.answer?.trim() ?? '' };
      const id = await diagnosis.addWhyStep(db, ref, request.params.chainId, step);
      if (!id) throw gone('five-whys chain');
      return reply.code(201).send(await whys(ref, id));
    },
  );

  const StepParams = params('chainId', 'stepId');
  const StepChange = Type.Object({ question: Type.Optional(Text(500)), answer: Type.Optional(Type.String({ maxLength: 1000 })) }, { minProperties: 1 });
  app.patch(
    `${base}/five-whys/:chainId/steps/:stepId`,
    route('Edit a why', StepParams, FiveWhys, StepChange),
    async (request: FastifyRequest<{ Params: Static<typeof StepParams>; Body: Static<typeof StepChange> }>) => {
      const { ref } = await projectOf(request);
      const change = { question: filled(request.body.question, 'question'), answer: request.body.answer?.trim() };
      if (!(await diagnosis.updateWhyStep(db, ref, request.params.chainId, request.params.stepId, change))) throw gone('why');
      return whys(ref);
    },
  );

  app.delete(
    `${base}/five-whys/:chainId/steps/:stepId`,
    route('Delete a why', StepParams, FiveWhys),
    async (request: FastifyRequest<{ Params: Static<typeof StepParams> }>) => {
      const { ref } = await projectOf(request);
      if (!(await diagnosis.deleteWhyStep(db, ref, request.params.chainId, request.params.stepId))) throw gone('why');
      return whys(ref);
    },
  );

  // Process map -------------------------------------------------------------
  const processMap = async (ref: diagnosis.ProjectRef, createdId?: string) => ({
    steps: await diagnosis.listProcessSteps(db, ref),
    ...(createdId ? { createdId } : {}),
  });
  const cleanPainPoints = (points: string[] | undefined) => points?.map((p) => p.trim()).filter((p) => p !== '');

  app.get(`${base}/process-map`, route('The process map: steps in order', ProjectParams, ProcessMap), async (request) =>
    processMap((await projectOf(request)).ref),
  );

  const NewProcessStep = Type.Object({ text: Text(500), painPoints: Type.Optional(PainPoints), position: Type.Optional(Position) });
  app.post(
    `${base}/process-map/steps`,
    route('Add a step (last unless a position is given)', ProjectParams, ProcessMap, NewProcessStep, true),
    async (request: FastifyRequest<{ Params: Static<typeof ProjectParams>; Body: Static<typeof NewProcessStep> }>, reply) => {
      const { ref } = await projectOf(request);
      const id = await diagnosis.addProcessStep(db, ref, {
        text: filled(request.body.text, 'text'),
        painPoints: cleanPainPoints(request.body.painPoints) ?? [],
        position: request.body.position,
      });
      return reply.code(201).send(await processMap(ref, id));
    },
  );

  const ProcessStepParams = params('stepId');
  const ProcessStepChange = Type.Object(
    { text: Type.Optional(Text(500)), painPoints: Type.Optional(PainPoints), position: Type.Optional(Position) },
    { minProperties: 1 },
  );
  app.patch(
    `${base}/process-map/steps/:stepId`,
    route('Edit a step, its pain points, or move it', ProcessStepParams, ProcessMap, ProcessStepChange),
    async (request: FastifyRequest<{ Params: Static<typeof ProcessStepParams>; Body: Static<typeof ProcessStepChange> }>) => {
      const { ref } = await projectOf(request);
      const change = { text: filled(request.body.text, 'text'), painPoints: cleanPainPoints(request.body.painPoints), position: request.body.position };
      if (!(await diagnosis.updateProcessStep(db, ref, request.params.stepId, change))) throw gone('process step');
      return processMap(ref);
    },
  );

  app.delete(
    `${base}/process-map/steps/:stepId`,
    route('Delete a step', ProcessStepParams, ProcessMap),
    async (request: FastifyRequest<{ Params: Static<typeof ProcessStepParams> }>) => {
      const { ref } = await projectOf(request);
      if (!(await diagnosis.deleteProcessStep(db, ref, request.params.stepId))) throw gone('process step');
      return processMap(ref);
    },
  );

  // System interdependency map ------------------------------------------------
  const systemMap = async (ref: diagnosis.ProjectRef, createdId?: string) => ({
    ...(await diagnosis.getSystemMap(db, ref)),
    ...(createdId ? { createdId } : {}),
  });

  app.get(
    `${base}/system-map`,
    route('The system interdependency map, with its conflicts, dependency chains and why fixes stall', ProjectParams, SystemMap),
    async (request) => systemMap((await projectOf(request)).ref),
  );

  const NewElement = Type.Object({ kind: ElementKind, name: Text(200) });
  app.post(
    `${base}/system-map/elements`,
    route('Add an element of the system', ProjectParams, SystemMap, NewElement, true),
    async (request: FastifyRequest<{ Params: Static<typeof ProjectParams>; Body: Static<typeof NewElement> }>, reply) => {
      const { ref } = await projectOf(request);
      const id = await diagnosis.addSystemElement(db, ref, { kind: request.body.kind, name: filled(request.body.name, 'name') });
      return reply.code(201).send(await systemMap(ref, id));
    },
  );

  const ElementParams = params('elementId');
  const ElementChange = Type.Object({ kind: Type.Optional(ElementKind), name: Type.Optional(Text(200)) }, { minProperties: 1 });
  app.patch(
    `${base}/system-map/elements/:elementId`,
    route('Rename an element or change its kind', ElementParams, SystemMap, ElementChange),
    async (request: FastifyRequest<{ Params: Static<typeof ElementParams>; Body: Static<typeof ElementChange> }>) => {
      const { ref } = await projectOf(request);
      const change = { kind: request.body.kind, name: filled(request.body.name, 'name') };
      if (!(await diagnosis.updateSystemElement(db, ref, request.params.elementId, change))) throw gone('system element');
      return systemMap(ref);
    },
  );

  app.delete(
    `${base}/system-map/elements/:elementId`,
    route('Delete an element with its links', ElementParams, SystemMap),
    async (request: FastifyRequest<{ Params: Static<typeof ElementParams> }>) => {
      const { ref } = await projectOf(request);
      if (!(await diagnosis.deleteSystemElement(db, ref, request.params.elementId))) throw gone('system element');
      return systemMap(ref);
    },
  );

  const NewLink = Type.Object({ fromId: Uuid, toId: Uuid, kind: LinkKind, note: Type.Optional(Type.String({ maxLength: 500 })) });
  app.post(
    `${base}/system-map/links`,
    route('Link two elements: "conflicts with" or "depends on"', ProjectParams, SystemMap, NewLink, true),
    async (request: FastifyRequest<{ Params: Static<typeof ProjectParams>; Body: Static<typeof NewLink> }>, reply) => {
      const { ref } = await projectOf(request);
      const { fromId, toId, kind } = request.body;
      if (fromId === toId) throw new Problem(400, 'An element cannot be linked to itself.');
      const result = await diagnosis.addSystemLink(db, ref, { fromId, toId, kind, note: request.body.note?.trim() ?? '' });
      if (result === 'bad-reference') throw new Problem(400, 'Both elements must be part of this project\'s system map.');
      if (result === 'duplicate') throw new Problem(409, 'These two elements are already linked that way.');
      return reply.code(201).send(await systemMap(ref, result.id));
    },
  );

  const LinkParams = params('linkId');
  const LinkChange = Type.Object({ note: Type.String({ maxLength: 500 }) });
  app.patch(
    `${base}/system-map/links/:linkId`,
    route('Edit the note of a link', LinkParams, SystemMap, LinkChange),
    async (request: FastifyRequest<{ Params: Static<typeof LinkParams>; Body: Static<typeof LinkChange> }>) => {
      const { ref } = await projectOf(request);
      if (!(await diagnosis.updateSystemLink(db, ref, request.params.linkId, { note: request.body.note.trim() }))) throw gone('link');
      return systemMap(ref);
    },
  );

  app.delete(
    `${base}/system-map/links/:linkId`,
    route('Delete a link', LinkParams, SystemMap),
    async (request: FastifyRequest<{ Params: Static<typeof LinkParams> }>) => {
      const { ref } = await projectOf(request);
      if (!(await diagnosis.deleteSystemLink(db, ref, request.params.linkId))) throw gone('link');
      return systemMap(ref);
    },
  );

  // Driver diagram ----------------------------------------------------------
  const driverDiagram = async (ref: diagnosis.ProjectRef, createdId?: string) => ({
    nodes: await diagnosis.getDriverDiagram(db, ref),
    ...(createdId ? { createdId } : {}),
  });
  /** Tree rules and foreign references refused inside the transaction become problems. */
  const refusing = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TreeError) throw new Problem(409, error.message);
      if (error instanceof diagnosis.LinkRefused) throw new Problem(400, error.message);
      throw error;
    }
  };

  app.get(`${base}/driver-diagram`, route('The driver diagram: nodes in outline order', ProjectParams, DriverDiagram), async (request) =>
    driverDiagram((await projectOf(request)).ref),
  );

  const NewNode = Type.Object({
    parentId: Nullable(Uuid),
    text: Text(500),
    position: Type.Optional(Position),
    changeIdeaId: Type.Optional(Uuid),
  });
  app.post(
    `${base}/driver-diagram/nodes`,
    route('Add a node: the aim (no parent) or a driver or change idea under a node', ProjectParams, DriverDiagram, NewNode, true),
    async (request: FastifyRequest<{ Params: Static<typeof ProjectParams>; Body: Static<typeof NewNode> }>, reply) => {
      const { ref, log } = await projectOf(request);
      const text = filled(request.body.text, 'text');
      const result = await refusing(() =>
        diagnosis.addDriverNode(db, ref, { parentId: request.body.parentId, text, position: request.body.position, changeIdeaId: request.body.changeIdeaId }),
      );
      if (result === 'not-found') throw gone('driver diagram node');
      if ('refused' in result) throw new Problem(400, result.refused);
      await log('driver.node_added', `Driver diagram: added "${text}"`);
      return reply.code(201).send(await driverDiagram(ref, result.id));
    },
  );

  const NodeParams = params('nodeId');
  const NodeChange = Type.Object(
    { text: Type.Optional(Text(500)), parentId: Type.Optional(Nullable(Uuid)), position: Type.Optional(Position) },
    { minProperties: 1 },
  );
  app.patch(
    `${base}/driver-diagram/nodes/:nodeId`,
    route('Rename a node, or move it with its branch (parentId and/or position)', NodeParams, DriverDiagram, NodeChange),
    async (request: FastifyRequest<{ Params: Static<typeof NodeParams>; Body: Static<typeof NodeChange> }>) => {
      const { ref } = await projectOf(request);
      const { parentId, position } = request.body;
      const move = parentId !== undefined || position !== undefined ? { parentId, position } : undefined;
      const text = filled(request.body.text, 'text');
      const result = await refusing(() => diagnosis.updateDriverNode(db, ref, request.params.nodeId, { text, move }));
      if (result === 'not-found') throw gone('driver diagram node');
      return driverDiagram(ref);
    },
  );

  app.delete(
    `${base}/driver-diagram/nodes/:nodeId`,
    route('Delete a node and its branch (linked change ideas stay, unlinked)', NodeParams, DriverDiagram),
    async (request: FastifyRequest<{ Params: Static<typeof NodeParams> }>) => {
      const { ref, log } = await projectOf(request);
      if (!(await diagnosis.deleteDriverNode(db, ref, request.params.nodeId))) throw gone('driver diagram node');
      await log('driver.node_deleted', 'Driver diagram: deleted a node and its branch');
      return driverDiagram(ref);
    },
  );
}
