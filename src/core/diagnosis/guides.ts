/**
 * Two-minute how-tos shown beside each diagnosis tool: when to use it, three
 * steps, and an example from a school. Plain text so they read the same on screen
 * and in docs/diagnosis.md.
 */

export type ToolName = 'fishbone' | 'fiveWhys' | 'processMap' | 'systemMap' | 'driverDiagram';

export interface ToolGuide {
  title: string;
  when: string;
  steps: [string, string, string];
  example: string;
}

export const TOOL_GUIDES: Record<ToolName, ToolGuide> = {
  fishbone: {
    title: 'Fishbone diagram',
    when: 'Use it at the start of a project, when the team agrees on the problem but not on its causes.',
    steps: [
      'Write the problem as the head of the fish, and keep or rename the categories (people, policies, schedules, materials, measurement, environment).',
      'Let everyone add causes under the categories without debate; aim for many, specific causes.',
      'Each person votes for the causes they think matter most; the top few become hunches to test.',
    ],
    example:
      'Problem: "Too many grade-9 students fail Algebra 1 in the first quarter." Causes: "No common planning time for the algebra team" (schedules), "Placement uses last year\'s grades only" (policies). The team voted the placement cause to the top.',
  },
  fiveWhys: {
    title: 'Five whys',
    when: 'Use it when a cause keeps coming back and the team suspects it is a symptom of something deeper.',
    steps: [
      'Write the problem as plainly as you can.',
      'Ask "why does this happen?" and write the answer; ask why again of that answer, about five times or until you reach something you can change.',
      'Name the last answer as the root cause and check it with data before acting on it.',
    ],
    example:
      'Why are tutoring seats empty? Students do not come. Why? They do not know their slot. Why? Slots are posted on Monday only. Why? The schedule is built by hand once a week. Root cause: no daily way to tell students their slot.',
  },
  processMap: {
    title: 'Process map',
    when: 'Use it when the problem lives inside a routine: a handoff, an intake, a weekly cycle.',
    steps: [
      'List the steps of the process as it happens today, not as it should, in order.',
      'Walk the steps with people who do them, and note pain points: waits, rework, confusion.',
      'Pick the step with the most pain points as the place to test a change.',
    ],
    example:
      'New-student intake: records request → placement test → schedule → first class. Pain point on "records request": takes two weeks; students sit in the office for the first days.',
  },
  systemMap: {
    title: 'System interdependency map',
    when: 'Use it when good fixes keep stalling and the team suspects other parts of the system are in the way.',
    steps: [
      'Add the parts of the system the problem touches: PD initiatives, staffing policies, schedules, enrollment and discipline practices.',
      'Link them: which ones conflict with each other, and which depend on which; add a short note to each link.',
      'Read "why a fix stalls" for the part you want to change, and decide what else must move with it.',
    ],
    example:
      'The differentiation PD push conflicts with the staffing policy (no common planning time), and the master schedule depends on that staffing policy: the PD stalls unless the schedule and the policy move together.',
  },
  driverDiagram: {
    title: 'Driver diagram',
    when: 'Use it once the team has a measurable aim, to lay out its theory of how to reach it.',
    steps: [
      'Write the aim: what will improve, by how much, by when, for whom.',
      'Add primary drivers (the few big levers) and under each the secondary drivers (the places in the system to act).',
      'Under the secondary drivers add change ideas to test in PDSA cycles.',
    ],
    example:
      'Aim: 85% of grade-6 students on track in reading by June. Primary driver: reading time that fits each student. Secondary driver: small groups regrouped every two weeks. Change idea: regroup from the weekly check-in data.',
  },
};
