/**
 * What a CASE package changes: its items become the framework's skills,
 * `isChildOf` gives the tree (with sequenceNumber for the order), and `precedes`
 * the prerequisites (A precedes B: A is a prerequisite of B). Other association
 * types (isPeerOf, isRelatedTo, exactMatchOf, ...) are not prerequisites and are
 * not kept. An association Trellis cannot use is a row problem: skipped and
 * reported with its line. Pure.
 */
import { AcyclicLinks } from '../../core/learning/graph.ts';
import { emptyCounts, type FileCounts, type ImportProblem } from '../common/report.ts';
import type { CaseAssociation, CasePackage } from './parse.ts';

export interface CaseContext {
  /** The district's skills from other frameworks by lower-case CASE identifier: prerequisites may come from them. */
  otherSkills: Map<string, { id: string }>;
  /** Prerequisite links of the district not owned by this package's items: [skill, prerequisite] skill ids. */
  otherLinks: [string, string][];
}

export interface CaseSkillRow {
  source_key: string;
  code: string | null;
  name: string;
  item_type: string | null;
  case_identifier: string;
  case_uri: string | null;
  /** Identifier of the parent item, or null at the top of the tree. */
  parent: string | null;
  sort_order: number;
}

/** A prerequisite link: `skill` (an item of the package) needs `prerequisite`. */
export interface CasePrerequisite {
  skill: string;
  prerequisite: { item: string } | { skillId: string };
}

export interface CasePlan {
  skills: CaseSkillRow[];
  prerequisites: CasePrerequisite[];
  counts: Record<string, FileCounts>;
  problems: ImportProblem[];
}

export function planCase(pkg: CasePackage, context: CaseContext): CasePlan {
  const items = new Map(pkg.items.map((item) => [item.identifier.toLowerCase(), item]));
  const documentId = pkg.document.identifier.toLowerCase();
  const problems: ImportProblem[] = [];
  const counts: Record<string, FileCounts> = {
    CFItems: { ...emptyCounts(), read: pkg.items.length, accepted: pkg.items.length },
    isChildOf: emptyCounts(),
    precedes: emptyCounts(),
  };
  const problem = (association: CaseAssociation, member: string, value: string, message: string) => {
    problems.push({ file: pkg.file, line: association.line, field: `${association.path}.${member}`, value, message });
    counts[association.type]!.skipped++;
  };
  const itemOf = (identifier: string) => items.get(identifier.toLowerCase());

  // The tree: one parent per item, no loops.
  const parents = new Map<string, { parent: string | null; sequence: number | null; association: CaseAssociation }>();
  const tree = new AcyclicLinks();
  for (const association of pkg.associations.filter((a) => a.type === 'isChildOf')) {
    counts.isChildOf!.read++;
    const child = itemOf(association.origin.identifier);
    const { identifier: destination } = association.destination;
    const parent = destination.toLowerCase() === documentId ? null : itemOf(destination);
    if (!child) {
      problem(association, 'originNodeURI', association.origin.identifier, 'no CFItem with this identifier in the package');
      continue;
    }
    if (parent === undefined) {
      problem(association, 'destinationNodeURI', destination, 'no CFItem or CFDocument with this identifier in the package: the tree stays within one framework');
      continue;
    }
    const earlier = parents.get(child.identifier);
    if (earlier) {
      problem(association, 'originNodeURI', child.identifier, `the item already has a parent (${earlier.association.path}, line ${earlier.association.line})`);
      continue;
    }
    if (parent) {
      const loop = tree.add(child.identifier, parent.identifier);
      if (loop) {
        problem(association, 'destinationNodeURI', destination, `would make the item its own ancestor: ${loop.map((id) => codeOf(itemOf(id)) ?? id).join(' → ')}`);
        continue;
      }
    }
    parents.set(child.identifier, { parent: parent?.identifier ?? null, sequence: association.sequenceNumber, association });
    counts.isChildOf!.accepted++;
  }

  const skills = pkg.items.map((item) => ({
    source_key: item.identifier,
    code: item.code,
    name: item.name,
    item_type: item.itemType,
    case_identifier: item.identifier,
    case_uri: item.uri,
    parent: parents.get(item.identifier)?.parent ?? null,
    sort_order: 0,
  }));
  assignSiblingOrder(skills, (skill) => parents.get(skill.source_key)?.sequence ?? null);

  // Prerequisites: the dependent skill must be an item here; its prerequisite may be in another framework.
  const links = new AcyclicLinks();
  for (const [skill, prerequisite] of context.otherLinks) links.add(skill, prerequisite);
  const prerequisites: CasePrerequisite[] = [];
  const firstLink = new Map<string, CaseAssociation>();
  for (const association of pkg.associations.filter((a) => a.type === 'precedes')) {
    counts.precedes!.read++;
    const dependent = itemOf(association.destination.identifier);
    const { identifier: origin } = association.origin;
    const before = itemOf(origin);
    const elsewhere = before ? undefined : context.otherSkills.get(origin.toLowerCase());
    if (!dependent) {
      const message = context.otherSkills.has(association.destination.identifier.toLowerCase())
        ? 'is not an item of this package: a package sets the prerequisites of its own items'
        : 'no CFItem with this identifier in the package';
      problem(association, 'destinationNodeURI', association.destination.identifier, message);
      continue;
    }
    if (!before && !elsewhere) {
      problem(association, 'originNodeURI', origin, 'no CFItem with this identifier in the package or the district');
      continue;
    }
    if (before === dependent) {
      problem(association, 'originNodeURI', origin, 'an item cannot precede itself');
      continue;
    }
    const node = before ? before.identifier : elsewhere!.id;
    const key = `${dependent.identifier}\u0000${node}`;
    const first = firstLink.get(key);
    if (first) {
      problem(association, 'originNodeURI', origin, `the same link as ${first.path} (line ${first.line})`);
      continue;
    }
    const loop = links.add(dependent.identifier, node);
    if (loop) {
      problem(association, 'originNodeURI', origin, `would make a prerequisite loop: ${loop.map((id) => codeOf(itemOf(id)) ?? id).join(' → ')}`);
      continue;
    }
    firstLink.set(key, association);
    prerequisites.push({ skill: dependent.identifier, prerequisite: before ? { item: before.identifier } : { skillId: elsewhere!.id } });
    counts.precedes!.accepted++;
  }
  return { skills, prerequisites, counts, problems };
}

function codeOf(item: { code: string | null; identifier: string } | undefined): string | undefined {
  return item ? (item.code ?? item.identifier) : undefined;
}

/** Numbers siblings 1, 2, ... by sequenceNumber where given, then in package order. */
function assignSiblingOrder(skills: CaseSkillRow[], sequence: (skill: CaseSkillRow) => number | null): void {
  const byParent = new Map<string | null, { skill: CaseSkillRow; index: number }[]>();
  skills.forEach((skill, index) => {
    const siblings = byParent.get(skill.parent);
    if (siblings) siblings.push({ skill, index });
    else byParent.set(skill.parent, [{ skill, index }]);
  });
  for (const siblings of byParent.values()) {
    siblings.sort((a, b) => (sequence(a.skill) ?? Infinity) - (sequence(b.skill) ?? Infinity) || a.index - b.index);
    siblings.forEach(({ skill }, i) => (skill.sort_order = i + 1));
  }
}
