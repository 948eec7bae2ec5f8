/**
 * Queries for a project's diagnosis tools (fishbone, five whys, process map,
 * system interdependency map) and its driver diagram. Every query names the
 * district and the project, so an id from another project or district matches
 * nothing. The rules (ranking, tree moves, stall analysis) live in src/core/diagnosis.
 */
import { DEFAULT_FISHBONE_CATEGORIES, rankCauses } from '../core/diagnosis/fishbone.ts';
import { checkInsert, moveNode, outlineOrder, subtreeIds, type DriverNode, type Placement } from '../core/diagnosis/driverTree.ts';
import { analyseSystem, type ElementKind, type LinkKind, type SystemAnalysis } from '../core/diagnosis/interdependency.ts';
import { moveTo } from '../core/diagnosis/ordering.ts';
import type { Database, Sql } from './database.ts';

/** Which project a request works on: the district comes from the caller, never from the request. */
export interface ProjectRef {
  districtId: string;
  projectId: string;
}

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

/** Serialises edits of one project's diagram (ordering, moves) so concurrent requests cannot interleave. */
async function lockProject(tx: Sql, ref: ProjectRef): Promise<void> {
  await tx.query('select 1 from improvement_projects where district_id = $1 and id = $2 for update', [ref.districtId, ref.projectId]);
}

/** Numbers the rows 0, 1, 2 ... in the given order. */
async function renumber(tx: Sql, table: string, districtId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `update ${table} t set position = o.position - 1
     from unnest($2::uuid[]) with ordinality as o(id, position)
     where t.district_id = $1 and t.id = o.id`,
    [districtId, ids],
  );
}

// ---------------------------------------------------------------------------
// Fishbone

export interface FishboneCause {
  id: string;
  text: string;
  votes: number;
  votedByMe: boolean;
  createdAt: string;
}

export interface FishboneCategory {
  id: string;
  name: string;
  position: number;
  /** Most votes first. */
  causes: FishboneCause[];
}

export interface Fishbone {
  categories: FishboneCategory[];
}

/** The project's fishbone; its first read writes the default categories. */
export async function getFishbone(db: Database, ref: ProjectRef, accountId: string): Promise<Fishbone> {
  await db.transaction(async (tx) => {
    const created = await tx.query(
      `insert into diagnosis_fishbones (district_id, project_id) values ($1, $2) on conflict do nothing returning project_id`,
      [ref.districtId, ref.projectId],
    );
    if (created.rows.length === 0) return;
    await tx.query(
      `insert into diagnosis_fishbone_categories (district_id, project_id, name, position)
       select $1, $2, name, position - 1 from unnest($3::text[]) with ordinality as d(name, position)`,
      [ref.districtId, ref.projectId, [...DEFAULT_FISHBONE_CATEGORIES]],
    );
  });
  const categories = await db.query<{ id: string; name: string; position: number }>(
    `select id, name, position from diagnosis_fishbone_categories
     where district_id = $1 and project_id = $2 order by position, id`,
    [ref.districtId, ref.projectId],
  );
  const causes = await db.query<{ id: string; categoryId: string; text: string; votes: number; votedByMe: boolean; createdAt: Date | string }>(
    `select c.id, c.category_id as "categoryId", c.text, c.created_at as "createdAt",
            (select count(*)::int from diagnosis_fishbone_votes v where v.district_id = c.district_id and v.cause_id = c.id) as votes,
            exists (select 1 from diagnosis_fishbone_votes v where v.district_id = c.district_id and v.cause_id = c.id and v.account_id = $3) as "votedByMe"
     from diagnosis_fishbone_causes c
     where c.district_id = $1 and c.project_id = $2`,
    [ref.districtId, ref.projectId, accountId],
  );
  return {
    categories: categories.rows.map((category) => ({
      ...category,
      causes: rankCauses(
        causes.rows
          .filter((c) => c.categoryId === category.id)
          .map((c) => ({ id: c.id, text: c.text, votes: c.votes, votedByMe: c.votedByMe, createdAt: iso(c.createdAt) })),
      ),
    })),
  };
}

export async function addFishboneCategory(db: Database, ref: ProjectRef, name: string): Promise<string> {
  return db.transaction(async (tx) => {
    await lockProject(tx, ref);
    const { rows } = await tx.query<{ id: string }>(
      `insert into diagnosis_fishbone_categories (district_id, project_id, name, position)
       select $1, $2, $3, coalesce(max(position) + 1, 0) from diagnosis_fishbone_categories where district_id = $1 and project_id = $2
       returning id`,
      [ref.districtId, ref.projectId, name],
    );
    return rows[0]!.id;
  });
}

/** Renames and/or moves a category; false when the project has no such category. */
export async function updateFishboneCategory(db: Database, ref: ProjectRef, id: string, change: { name?: string; position?: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockProject(tx, ref);
    const { rows } = await tx.query<{ id: string }>(
      `select id from diagnosis_fishbone_categories where district_id = $1 and project_id = $2 order by position, id`,
      [ref.districtId, ref.projectId],
    );
    const ids = rows.map((r) => r.id);
    if (!ids.includes(id)) return false;
    if (change.name !== undefined) {
      await tx.query('update diagnosis_fishbone_categories set name = $3 where district_id = $1 and id = $2', [ref.districtId, id, change.name]);
    }
    if (change.position !== undefined) await renumber(tx, 'diagnosis_fishbone_categories', ref.districtId, moveTo(ids, id, change.position));
    return true;
  });
}

/** Deletes a category with its causes. */
export async function deleteFishboneCategory(db: Database, ref: ProjectRef, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockProject(tx, ref);
    const deleted = await tx.query('delete from diagnosis_fishbone_categories where district_id = $1 and project_id = $2 and id = $3', [
      ref.districtId,
      ref.projectId,
      id,
    ]);
    if (deleted.rowCount === 0) return false;
    const { rows } = await tx.query<{ id: string }>(
      'select id from diagnosis_fishbone_categories where district_id = $1 and project_id = $2 order by position, id',
      [ref.districtId, ref.projectId],
    );
    await renumber(tx, 'diagnosis_fishbone_categories', ref.districtId, rows.map((r) => r.id));
    return true;
  });
}

async function categoryExists(sql: Sql, ref: ProjectRef, categoryId: string): Promise<boolean> {
  const { rows } = await sql.query('select 1 from diagnosis_fishbone_categories where district_id = $1 and project_id = $2 and id = $3', [
    ref.districtId,
    ref.projectId,
    categoryId,
  ]);
  return rows.length > 0;
}

/** Adds a cause; null when the category is not the project's. */
export async function addFishboneCause(db: Database, ref: ProjectRef, cause: { categoryId: string; text: string }, accountId: string): Promise<string | null> {
  if (!(await categoryExists(db, ref, cause.categoryId))) return null;
  const { rows } = await db.query<{ id: string }>(
    `insert into diagnosis_fishbone_causes (district_id, project_id, category_id, text, created_by)
     values ($1, $2, $3, $4, $5) returning id`,
    [ref.districtId, ref.projectId, cause.categoryId, cause.text, accountId],
  );
  return rows[0]!.id;
}

export type UpdateResult = 'updated' | 'not-found' | 'bad-reference';

export async function updateFishboneCause(db: Database, ref: ProjectRef, id: string, change: { text?: string; categoryId?: string }): Promise<UpdateResult> {
  if (change.categoryId !== undefined && !(await categoryExists(db, ref, change.categoryId))) return 'bad-reference';
  const { rowCount } = await db.query(
    `update diagnosis_fishbone_causes set text = coalesce($4, text), category_id = coalesce($5, category_id)
     where district_id = $1 and project_id = $2 and id = $3`,
    [ref.districtId, ref.projectId, id, change.text ?? null, change.categoryId ?? null],
  );
  return rowCount > 0 ? 'updated' : 'not-found';
}

export async function deleteFishboneCause(db: Database, ref: ProjectRef, id: string): Promise<boolean> {
  const { rowCount } = await db.query('delete from diagnosis_fishbone_causes where district_id = $1 and project_id = $2 and id = $3', [
    ref.districtId,
    ref.projectId,
    id,
  ]);
  return rowCount > 0;
}

/** Casts (`on`) or withdraws the account's one vote on a cause; false when the project has no such cause. */
export async function setFishboneVote(db: Database, ref: ProjectRef, causeId: string, accountId: string, on: boolean): Promise<boolean> {
  const { rows } = await db.query('select 1 from diagnosis_fishbone_causes where district_id = $1 and project_id = $2 and id = $3', [
    ref.districtId,
    ref.projectId,
    causeId,
  ]);
  if (rows.length === 0) return false;
  if (on) {
    await db.query(
      `insert into diagnosis_fishbone_votes (district_id, cause_id, account_id) values ($1, $2, $3) on conflict do nothing`,
      [ref.districtId, causeId, accountId],
    );
  } else {
    await db.query('delete from diagnosis_fishbone_votes where district_id = $1 and cause_id = $2 and account_id = $3', [
      ref.districtId,
      causeId,
      accountId,
    ]);
  }
  return true;
}

// ---------------------------------------------------------------------------
// Five whys

export interface WhyStep {
  id: string;
  position: number;
  question: string;
  answer: string;
}

export interface WhyChain {
  id: string;
  problem: string;
  rootCause: string;
  steps: WhyStep[];
}

export async function listWhyChains(sql: Sql, ref: ProjectRef): Promise<WhyChain[]> {
  const chains = await sql.query<{ id: string; problem: string; rootCause: string }>(
    `select id, problem, root_cause as "rootCause" from diagnosis_why_chains
     where district_id = $1 and project_id = $2 order by created_at, id`,
    [ref.districtId, ref.projectId],
  );
  const steps = await sql.query<WhyStep & { chainId: string }>(
    `select s.id, s.chain_id as "chainId", s.position, s.question, s.answer
     from diagnosis_why_steps s join diagnosis_why_chains c on c.district_id = s.district_id and c.id = s.chain_id
     where c.district_id = $1 and c.project_id = $2 order by s.position, s.id`,
    [ref.districtId, ref.projectId],
  );
  return chains.rows.map((chain) => ({
    ...chain,
    steps: steps.rows.filter((s) => s.chainId === chain.id).map(({ chainId: _chain, ...step }) => step),
  }));
}

export async function addWhyChain(sql: Sql, ref: ProjectRef, problem: string): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    'insert into diagnosis_why_chains (district_id, project_id, problem) values ($1, $2, $3) returning id',
    [ref.districtId, ref.projectId, problem],
  );
  return rows[0]!.id;
}

export async function updateWhyChain(sql: Sql, ref: ProjectRef, id: string, change: { problem?: string; rootCause?: string }): Promise<boolean> {
  const { rowCount } = await sql.query(
    `update diagnosis_why_chains set problem = coalesce($4, problem), root_cause = coalesce($5, root_cause)
     where district_id = $1 and project_id = $2 and id = $3`,
    [ref.districtId, ref.projectId, id, change.problem ?? null, change.rootCause ?? null],
  );
  return rowCount > 0;
}

export async function deleteWhyChain(sql: Sql, ref: ProjectRef, id: string): Promise<boolean> {
  const { rowCount } = await sql.query('delete from diagnosis_why_chains where district_id = $1 and project_id = $2 and id = $3', [
    ref.districtId,
    ref.projectId,
    id,
  ]);
  return rowCount > 0;
}

/** Appends a why to a chain; null when the project has no such chain. */
export async function addWhyStep(db: Database, ref: ProjectRef, chainId: string, step: { question: string; answer: string }): Promise<string | null> {
  return db.transaction(async (tx) => {
    await lockProject(tx, ref);
    const { rows } = await tx.query<{ id: string }>(
      `insert into diagnosis_why_steps (district_id, chain_id, position, question, answer)
       select c.district_id, c.id,
              coalesce((select max(position) + 1 from diagnosis_why_steps s where s.district_id = c.district_id and s.chain_id = c.id), 0),
              $4, $5
       from diagnosis_why_chains c where c.district_id = $1 and c.project_id = $2 and c.id = $3
       returning id`,
      [ref.districtId, ref.projectId, chainId, step.question, step.answer],
    );
    return rows[0]?.id ?? null;
  });
}

const STEP_OF_PROJECT = `exists (select 1 from diagnosis_why_chains c where c.district_id = s.district_id and c.id = s.chain_id and c.project_id = $2 and c.id = $3)`;

export async function updateWhyStep(sql: Sql, ref: ProjectRef, chainId: string, id: string, change: { question?: string; answer?: string }): Promise<boolean> {
  const { rowCount } = await sql.query(
    `update diagnosis_why_steps s set question = coalesce($5, question), answer = coalesce($6, answer)
     where s.district_id = $1 and s.id = $4 and ${STEP_OF_PROJECT}`,
    [ref.districtId, ref.projectId, chainId, id, change.question ?? null, change.answer ?? null],
  );
  return rowCount > 0;
}

export async function deleteWhyStep(db: Database, ref: ProjectRef, chainId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockProject(tx, ref);
    const { rowCount } = await tx.query(`delete from diagnosis_why_steps s where s.district_id = $1 and s.id = $4 and ${STEP_OF_PROJECT}`, [
      ref.districtId,
      ref.projectId,
      chainId,
      id,
    ]);
    if (rowCount === 0) return false;
    const { rows } = await tx.query<{ id: string }>(
      'select id from diagnosis_why_steps where district_id = $1 and chain_id = $2 order by position, id',
      [ref.districtId, chainId],
    );
    await renumber(tx, 'diagnosis_why_steps', ref.districtId, rows.map((r) => r.id));
    return true;
  });
}

// ---------------------------------------------------------------------------
// Process map

export interface ProcessStep {
  id: string;
  position: number;
  text: string;
  painPoints: string[];
}

export async function listProcessSteps(sql: Sql, ref: ProjectRef): Promise<ProcessStep[]> {
  const { rows } = await sql.query<ProcessStep>(
    `select id, position, text, pain_points as "painPoints" from diagnosis_process_steps
     where district_id = $1 and project_id = $2 order by position, id`,
    [ref.districtId, ref.projectId],
  );
  return rows;
}

async function processStepIds(tx: Sql, ref: ProjectRef): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    'select id from diagnosis_process_steps where district_id = $1 and project_id = $2 order by position, id',
    [ref.districtId, ref.projectId],
  );
  return rows.map((r) => r.id);
}

/** Adds a step at `position` (default: last). */
export async function addProcessStep(db: Database, ref: ProjectRef, step: { text: string; painPoints: string[]; position?: number }): Promise<string> {
  return db.transaction(async (tx) => {
    await lockProject(tx, ref);
    const ids = await processStepIds(tx, ref);
    const { rows } = await tx.query<{ id: string }>(
      `insert into diagnosis_process_steps (district_id, project_id, position, text, pain_points) values ($1, $2, $3, $4, $5) returning id`,
      [ref.districtId, ref.projectId, ids.length, step.text, step.painPoints],
    );
    const id = rows[0]!.id;
    if (step.position !== undefined) await renumber(tx, 'diagnosis_process_steps', ref.districtId, moveTo([...ids, id], id, step.position));
    return id;
  });
}

export async function updateProcessStep(
  db: Database,
  ref: ProjectRef,
  id: string,
  change: { text?: string; painPoints?: string[]; position?: number },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockProject(tx, ref);
    const ids = await processStepIds(tx, ref);
    if (!ids.includes(id)) return false;
    await tx.query(
      `update diagnosis_process_steps set text = coalesce($3, text), pain_points = coalesce($4, pain_points) where district_id = $1 and id = $2`,
      [ref.districtId, id, change.text ?? null, change.painPoints ?? null],
    );
    if (change.position !== undefined) await renumber(tx, 'diagnosis_process_steps', ref.districtId, moveTo(ids, id, change.position));
    return true;
  });
}

export async function deleteProcessStep(db: Database, ref: ProjectRef, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockProject(tx, ref);
    const { rowCount } = await tx.query('delete from diagnosis_process_steps where district_id = $1 and project_id = $2 and id = $3', [
      ref.districtId,
      ref.projectId,
      id,
    ]);
    if (rowCount === 0) return false;
    await renumber(tx, 'diagnosis_process_steps', ref.districtId, await processStepIds(tx, ref));
    return true;
  });
}

// ---------------------------------------------------------------------------
// System interdependency map

export interface SystemMap {
  elements: { id: string; kind: ElementKind; name: string }[];
  links: { id: string; fromId: string; toId: string; kind: LinkKind; note: string }[];
  analysis: SystemAnalysis;
}

export async function getSystemMap(sql: Sql, ref: ProjectRef): Promise<SystemMap> {
  const elements = await sql.query<SystemMap['elements'][number]>(
    `select id, kind, name from diagnosis_system_elements where district_id = $1 and project_id = $2 order by created_at, id`,
    [ref.districtId, ref.projectId],
  );
  const links = await sql.query<SystemMap['links'][number]>(
    `select id, from_id as "fromId", to_id as "toId", kind, note from diagnosis_system_links
     where district_id = $1 and project_id = $2 order by created_at, id`,
    [ref.districtId, ref.projectId],
  );
  return { elements: elements.rows, links: links.rows, analysis: analyseSystem(elements.rows, links.rows) };
}

export async function addSystemElement(sql: Sql, ref: ProjectRef, element: { kind: ElementKind; name: string }): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    'insert into diagnosis_system_elements (district_id, project_id, kind, name) values ($1, $2, $3, $4) returning id',
    [ref.districtId, ref.projectId, element.kind, element.name],
  );
  return rows[0]!.id;
}

export async function updateSystemElement(sql: Sql, ref: ProjectRef, id: string, change: { kind?: ElementKind; name?: string }): Promise<boolean> {
  const { rowCount } = await sql.query(
    `update diagnosis_system_elements set kind = coalesce($4, kind), name = coalesce($5, name)
     where district_id = $1 and project_id = $2 and id = $3`,
    [ref.districtId, ref.projectId, id, change.kind ?? null, change.name ?? null],
  );
  return rowCount > 0;
}

/** Deletes an element with its links. */
export async function deleteSystemElement(sql: Sql, ref: ProjectRef, id: string): Promise<boolean> {
  const { rowCount } = await sql.query('delete from diagnosis_system_elements where district_id = $1 and project_id = $2 and id = $3', [
    ref.districtId,
    ref.projectId,
    id,
  ]);
  return rowCount > 0;
}

export type AddLinkResult = { id: string } | 'bad-reference' | 'duplicate';

export async function addSystemLink(
  sql: Sql,
  ref: ProjectRef,
  link: { fromId: string; toId: string; kind: LinkKind; note: string },
): Promise<AddLinkResult> {
  const { rows: found } = await sql.query<{ n: number }>(
    'select count(*)::int as n from diagnosis_system_elements where district_id = $1 and project_id = $2 and id = any($3::uuid[])',
    [ref.districtId, ref.projectId, [link.fromId, link.toId]],
  );
  if (found[0]!.n !== 2) return 'bad-reference';
  // A conflict reads both ways: the same pair in either order is the same conflict.
  const { rows: existing } = await sql.query(
    `select 1 from diagnosis_system_links where district_id = $1 and project_id = $2 and kind = $5
       and ((from_id = $3 and to_id = $4) or ($5 = 'conflicts_with' and from_id = $4 and to_id = $3))`,
    [ref.districtId, ref.projectId, link.fromId, link.toId, link.kind],
  );
  if (existing.length > 0) return 'duplicate';
  const { rows } = await sql.query<{ id: string }>(
    `insert into diagnosis_system_links (district_id, project_id, from_id, to_id, kind, note) values ($1, $2, $3, $4, $5, $6)
     on conflict do nothing returning id`,
    [ref.districtId, ref.projectId, link.fromId, link.toId, link.kind, link.note],
  );
  return rows[0] ? { id: rows[0].id } : 'duplicate';
}

export async function updateSystemLink(sql: Sql, ref: ProjectRef, id: string, change: { note?: string }): Promise<boolean> {
  const { rowCount } = await sql.query(
    'update diagnosis_system_links set note = coalesce($4, note) where district_id = $1 and project_id = $2 and id = $3',
    [ref.districtId, ref.projectId, id, change.note ?? null],
  );
  return rowCount > 0;
}

export async function deleteSystemLink(sql: Sql, ref: ProjectRef, id: string): Promise<boolean> {
  const { rowCount } = await sql.query('delete from diagnosis_system_links where district_id = $1 and project_id = $2 and id = $3', [
    ref.districtId,
    ref.projectId,
    id,
  ]);
  return rowCount > 0;
}

// ---------------------------------------------------------------------------
// Driver diagram

export interface DriverDiagramNode extends DriverNode {
  /** Change ideas (improvement_change_ideas) whose parent_node_id is this node. */
  changeIdeas: { id: string; title: string; cycleCount: number }[];
}

async function loadNodes(sql: Sql, ref: ProjectRef): Promise<DriverNode[]> {
  const { rows } = await sql.query<DriverNode>(
    `select id, parent_id as "parentId", kind, text, position from driver_nodes where district_id = $1 and project_id = $2`,
    [ref.districtId, ref.projectId],
  );
  return rows;
}

/** The nodes in outline order (depth first), each with the change ideas linked to it. */
export async function getDriverDiagram(sql: Sql, ref: ProjectRef): Promise<DriverDiagramNode[]> {
  const nodes = await loadNodes(sql, ref);
  const ideas = await sql.query<{ id: string; title: string; nodeId: string; cycleCount: number }>(
    `select ci.id, ci.title, ci.parent_node_id as "nodeId",
            (select count(*)::int from improvement_cycles cy where cy.district_id = ci.district_id and cy.change_idea_id = ci.id) as "cycleCount"
     from improvement_change_ideas ci
     where ci.district_id = $1 and ci.project_id = $2 and ci.parent_node_id is not null
     order by ci.created_at, ci.id`,
    [ref.districtId, ref.projectId],
  );
  return outlineOrder(nodes).map(({ node }) => ({
    ...node,
    changeIdeas: ideas.rows.filter((i) => i.nodeId === node.id).map(({ nodeId: _node, ...idea }) => idea),
  }));
}

export type NodeWriteResult = { id: string } | { refused: string } | 'not-found';

/**
 * Adds a node under `parentId` (null: the aim). A change-idea node also becomes a
 * change idea of the project: an existing one (`changeIdeaId`) is pointed at the
 * node, otherwise a new one titled like the node is created.
 */
export async function addDriverNode(
  db: Database,
  ref: ProjectRef,
  input: { parentId: string | null; text: string; position?: number; changeIdeaId?: string },
): Promise<NodeWriteResult> {
  return db.transaction(async (tx) => {
    await lockProject(tx, ref);
    const nodes = await loadNodes(tx, ref);
    const kind = checkInsert(nodes, input.parentId);
    if (input.changeIdeaId !== undefined && kind !== 'change_idea') return { refused: 'Only a change-idea node links to a change idea.' };
    const siblings = nodes.filter((n) => n.parentId === input.parentId);
    const { rows } = await tx.query<{ id: string }>(
      `insert into driver_nodes (district_id, project_id, parent_id, kind, text, position) values ($1, $2, $3, $4, $5, $6) returning id`,
      [ref.districtId, ref.projectId, input.parentId, kind, input.text, siblings.length],
    );
    const id = rows[0]!.id;
    if (input.position !== undefined && input.position < siblings.length) {
      const placed = moveNode([...nodes, { id, parentId: input.parentId, kind, text: input.text, position: siblings.length }], id, {
        parentId: input.parentId,
        position: input.position,
      });
      await saveMoves(tx, ref, placed);
    }
    if (kind === 'change_idea') {
      if (input.changeIdeaId !== undefined) {
        const linked = await tx.query(
          `update improvement_change_ideas set parent_node_id = $4, updated_at = now() where district_id = $1 and project_id = $2 and id = $3`,
          [ref.districtId, ref.projectId, input.changeIdeaId, id],
        );
        if (linked.rowCount === 0) throw new LinkRefused('There is no change idea with that id in this project.');
      } else {
        await tx.query(`insert into improvement_change_ideas (district_id, project_id, title, parent_node_id) values ($1, $2, $3, $4)`, [
          ref.districtId,
          ref.projectId,
          input.text,
          id,
        ]);
      }
    }
    return { id };
  });
}

/** Thrown inside a transaction to roll it back when a referenced change idea is not the project's. */
export class LinkRefused extends Error {}

async function saveMoves(tx: Sql, ref: ProjectRef, changed: readonly DriverNode[]): Promise<void> {
  for (const node of changed) {
    await tx.query(`update driver_nodes set parent_id = $3, kind = $4, position = $5 where district_id = $1 and id = $2 and project_id = $6`, [
      ref.districtId,
      node.id,
      node.parentId,
      node.kind,
      node.position,
      ref.projectId,
    ]);
  }
}

/** Renames and/or moves a node (with its branch); the tree rules are src/core/diagnosis/driverTree.ts. */
export async function updateDriverNode(
  db: Database,
  ref: ProjectRef,
  id: string,
  change: { text?: string; move?: Partial<Placement> },
): Promise<NodeWriteResult> {
  return db.transaction(async (tx) => {
    await lockProject(tx, ref);
    const nodes = await loadNodes(tx, ref);
    const node = nodes.find((n) => n.id === id);
    if (!node) return 'not-found';
    if (change.move) {
      // A new parent without a position puts the node last; a position alone keeps the parent.
      const placement = { parentId: change.move.parentId === undefined ? node.parentId : change.move.parentId, position: change.move.position ?? nodes.length };
      await saveMoves(tx, ref, moveNode(nodes, id, placement));
    }
    if (change.text !== undefined) {
      await tx.query('update driver_nodes set text = $3 where district_id = $1 and id = $2', [ref.districtId, id, change.text]);
    }
    return { id };
  });
}

/** Deletes a node and its branch; change ideas that pointed into it stay, unlinked. */
export async function deleteDriverNode(db: Database, ref: ProjectRef, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockProject(tx, ref);
    const nodes = await loadNodes(tx, ref);
    const node = nodes.find((n) => n.id === id);
    if (!node) return false;
    await tx.query('delete from driver_nodes where district_id = $1 and id = any($2::uuid[])', [ref.districtId, subtreeIds(nodes, id)]);
    const rest = nodes.filter((n) => n.parentId === node.parentId && n.id !== id).sort((a, b) => a.position - b.position);
    await renumber(tx, 'driver_nodes', ref.districtId, rest.map((n) => n.id));
    return true;
  });
}
