/**
 * The district's improvement capacity, for leaders whose job is to Reorient:
 * how many tests of change the system runs and finishes, how many people and
 * departments take part, which parts of the system its portfolio watches, and
 * where changes have spread. Read from every project a leader can see. Pure.
 *
 * The figure improvement networks watch most is the rate of learning: PDSA
 * cycles studied per month. A system that studies more tests, with more people,
 * learns its way to a new practice faster; overdue cycles are tests that stalled.
 */
import { plural } from '../plural.ts';
import { cyclePhase, daysBetween, isOverdue, ramps, scaleRank } from './cycles.ts';
import { PORTFOLIO_AREAS, type Area, type CycleFacts, type Job, type ProjectScopeKind, type ProjectStatus } from './types.ts';

export interface PortfolioProject {
  id: string;
  title: string;
  job: Job;
  status: ProjectStatus;
  scope: { kind: ProjectScopeKind; name: string };
  /** Members by their roster id (or account id when they have no roster record), with their department. */
  members: { person: string; department: string | null }[];
  cycles: CycleFacts[];
  measureAreas: (Area | null)[];
}

export interface ProjectCapacityRow {
  id: string;
  title: string;
  job: Job;
  status: ProjectStatus;
  scope: string;
  people: number;
  underWay: number;
  studied: number;
  overdue: number;
  /** The widest scale a change has reached in the project's cycles, or null with no cycles. */
  widestScale: CycleFacts['scale'] | null;
  /** The last date anything happened in a cycle (written, started or ended), or null. */
  lastCycleOn: string | null;
}

export interface DistrictCapacity {
  projects: { total: number; active: number; byJob: Record<Job, number> };
  people: number;
  departments: number;
  /** People on a project that has studied at least one cycle: staff with hands-on PDSA experience. */
  practitioners: number;
  cycles: { underWay: number; studied: number; overdue: number };
  /** Cycles studied per month over the last `months` months, oldest first (a cycle counts in the month it ended, or was written). */
  studiedPerMonth: { month: string; studied: number }[];
  /** Mean cycles studied per month over the last three months. */
  recentRate: number;
  /** Ramps of cycles that went from a narrower to a wider scale. */
  spreadRamps: number;
  areas: { area: Area; projects: number }[];
  missingAreas: Area[];
  rows: ProjectCapacityRow[];
  /** Plain-language sentences, most important first. */
  sentences: string[];
}

const studied = (cycle: CycleFacts) => {
  const phase = cyclePhase(cycle);
  return phase === 'act' || phase === 'done';
};

/** The date a cycle's test finished, or when it was written if no end date was recorded. */
const finishedOn = (cycle: CycleFacts) => (cycle.doEndedOn ?? cycle.createdAt).slice(0, 10);

const lastActivity = (cycle: CycleFacts) => [cycle.createdAt.slice(0, 10), cycle.doStartedOn, cycle.doEndedOn].filter((d): d is string => d !== null).sort().at(-1)!;

/** The `count` months ending with today's, as YYYY-MM, oldest first. */
function lastMonths(today: string, count: number): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(year, month - (count - 1 - i), 1));
    return date.toISOString().slice(0, 7);
  });
}

export function districtCapacity(projects: readonly PortfolioProject[], today: string, months = 12): DistrictCapacity {
  const open = projects.filter((p) => p.status === 'active' || p.status === 'paused');
  const people = new Set(projects.flatMap((p) => p.members.map((m) => m.person)));
  const departments = new Set(projects.flatMap((p) => p.members.map((m) => m.department?.trim().toLowerCase()).filter((d): d is string => !!d)));
  const practitioners = new Set(projects.filter((p) => p.cycles.some(studied)).flatMap((p) => p.members.map((m) => m.person)));
  const allCycles = projects.flatMap((p) => p.cycles);

  const monthKeys = lastMonths(today, months);
  const perMonth = new Map(monthKeys.map((m) => [m, 0]));
  for (const cycle of allCycles.filter(studied)) {
    const month = finishedOn(cycle).slice(0, 7);
    if (perMonth.has(month)) perMonth.set(month, perMonth.get(month)! + 1);
  }
  const studiedPerMonth = monthKeys.map((month) => ({ month, studied: perMonth.get(month)! }));
  const recent = studiedPerMonth.slice(-3);
  const recentRate = Math.round((recent.reduce((sum, m) => sum + m.studied, 0) / Math.max(1, recent.length)) * 10) / 10;

  const areaProjects = new Map<Area, number>();
  for (const project of projects) {
    for (const area of new Set(project.measureAreas.filter((a): a is Area => a !== null))) areaProjects.set(area, (areaProjects.get(area) ?? 0) + 1);
  }
  const areas = [...areaProjects].map(([area, count]) => ({ area, projects: count })).sort((a, b) => b.projects - a.projects || a.area.localeCompare(b.area));
  const missingAreas = PORTFOLIO_AREAS.filter((area) => !areaProjects.has(area));

  const rows: ProjectCapacityRow[] = projects.map((project) => {
    const done = project.cycles.filter(studied).length;
    const widest = project.cycles.map((c) => c.scale).sort((a, b) => scaleRank(b) - scaleRank(a))[0] ?? null;
    return {
      id: project.id,
      title: project.title,
      job: project.job,
      status: project.status,
      scope: project.scope.name,
      people: new Set(project.members.map((m) => m.person)).size,
      underWay: project.cycles.length - done,
      studied: done,
      overdue: project.cycles.filter((c) => isOverdue(c, today)).length,
      widestScale: widest,
      lastCycleOn: project.cycles.map(lastActivity).sort().at(-1) ?? null,
    };
  });
  const studiedCount = allCycles.filter(studied).length;
  const overdue = allCycles.filter((c) => isOverdue(c, today)).length;
  const spreadRamps = projects.reduce((sum, p) => sum + ramps(p.cycles).filter((r) => r.spread).length, 0);
  const byJob = { correct: 0, coordinate: 0, reorient: 0 } satisfies Record<Job, number>;
  for (const project of open) byJob[project.job] += 1;

  const capacity: Omit<DistrictCapacity, 'sentences'> = {
    projects: { total: projects.length, active: open.length, byJob },
    people: people.size,
    departments: departments.size,
    practitioners: practitioners.size,
    cycles: { underWay: allCycles.length - studiedCount, studied: studiedCount, overdue },
    studiedPerMonth,
    recentRate,
    spreadRamps,
    areas,
    missingAreas,
    rows,
  };
  return { ...capacity, sentences: capacitySentences(capacity, rows, today) };
}

function capacitySentences(c: Omit<DistrictCapacity, 'sentences'>, rows: ProjectCapacityRow[], today: string): string[] {
  if (c.projects.total === 0) return ['There are no improvement projects yet. Start one from the Improvement page.'];
  const sentences = [
    `Across these projects ${plural(c.cycles.studied, 'PDSA cycle has', 'PDSA cycles have')} been studied, about ${c.recentRate} a month over the last three months; ${plural(c.cycles.underWay, 'cycle is', 'cycles are')} under way.`,
    `${plural(c.people, 'person works', 'people work')} on ${plural(c.projects.active, 'open project')}, naming ${plural(c.departments, 'department')} between them; ${c.practitioners} of them ${c.practitioners === 1 ? 'is' : 'are'} on a project that has studied a cycle.`,
  ];
  if (c.cycles.overdue > 0) sentences.push(`${plural(c.cycles.overdue, 'cycle is', 'cycles are')} overdue: past the due date without results. Stalled tests are the first place to help.`);
  const quiet = rows.filter((r) => r.status === 'active' && (r.lastCycleOn === null || daysBetween(r.lastCycleOn, today) > 30));
  if (quiet.length > 0) sentences.push(`${plural(quiet.length, 'active project has', 'active projects have')} run no cycle in the last 30 days: ${quiet.map((r) => r.title).join('; ')}.`);
  if (c.missingAreas.length > 0) sentences.push(`No project measures ${c.missingAreas.join(', ')} yet: a reorientation's portfolio watches attendance, achievement, facilities and transportation together.`);
  if (c.spreadRamps > 0) sentences.push(`${plural(c.spreadRamps, 'change has', 'changes have')} spread from a smaller to a wider scale through linked cycles.`);
  return sentences;
}
