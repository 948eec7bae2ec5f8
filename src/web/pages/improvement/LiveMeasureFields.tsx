import { Checkbox, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useReloadable } from './useReloadable.ts';

/** The choices of a live measure as the form holds them (docs/measures.md, "Live measures"). */
export interface LiveChoice {
  kind: 'mastery_share' | 'struggling' | 'regrouping_frequency' | 'adults_per_student' | 'imported_outcome';
  team: string;
  /** imported_outcome: the outcome key, and one school's sourcedId or '' for every school of the project. */
  outcome: string;
  school: string;
  period: 'week' | 'month';
  /** mastery_share: the chosen skill ids, or null for the team's sequence. */
  skills: string[] | null;
  share: boolean;
  gap: boolean;
  a: { attribute: string; value: string };
  b: { attribute: string; value: string };
}

export function defaultLiveChoice(team: string): LiveChoice {
  return {
    kind: 'mastery_share',
    team,
    outcome: '',
    school: '',
    period: 'week',
    skills: null,
    share: false,
    gap: false,
    a: { attribute: 'english_learner', value: 'false' },
    b: { attribute: 'english_learner', value: 'true' },
  };
}

const KINDS = [
  { value: 'mastery_share', label: 'Share of skills mastered (%)' },
  { value: 'struggling', label: 'Students with a struggling flag' },
  { value: 'regrouping_frequency', label: 'Days with a published plan' },
  { value: 'adults_per_student', label: 'Adults each student met' },
  { value: 'imported_outcome', label: 'An imported outcome (by school and period)' },
];
const ATTRIBUTES = [
  { value: 'english_learner', label: 'English learner' },
  { value: 'special_education', label: 'Special education' },
  { value: 'economically_disadvantaged', label: 'Economically disadvantaged' },
  { value: 'home_language', label: 'Home language' },
];

const group = (g: LiveChoice['a']) => ({ attribute: g.attribute, value: g.attribute === 'home_language' ? g.value.trim() : g.value === 'true' });

/** The API's liveDefinition for the choice. */
export function liveDefinitionOf(choice: LiveChoice): Record<string, unknown> {
  // An imported outcome has its own periods and counts schools, not a team.
  if (choice.kind === 'imported_outcome') return { kind: choice.kind, outcome: choice.outcome, ...(choice.school ? { school: choice.school } : {}) };
  return {
    kind: choice.kind,
    // No team chosen: the server names the problem (or uses a team project's own team).
    ...(choice.team ? { team: choice.team } : {}),
    period: choice.period,
    ...(choice.kind === 'mastery_share' && choice.skills ? { skills: choice.skills } : {}),
    ...(choice.kind === 'struggling' ? { share: choice.share } : {}),
    ...(choice.gap && choice.kind !== 'regrouping_frequency' ? { gap: { a: group(choice.a), b: group(choice.b) } } : {}),
  };
}

function GroupFields({ legend, value, onChange }: { legend: string; value: LiveChoice['a']; onChange: (next: LiveChoice['a']) => void }) {
  return (
    <Group align="end">
      <NativeSelect
        label={`${legend}: attribute`}
        value={value.attribute}
        onChange={(e) => onChange({ attribute: e.currentTarget.value, value: e.currentTarget.value === 'home_language' ? '' : 'true' })}
        data={ATTRIBUTES}
      />
      {value.attribute === 'home_language' ? (
        <TextInput label={`${legend}: home language`} value={value.value} onChange={(e) => onChange({ ...value, value: e.currentTarget.value })} />
      ) : (
        <NativeSelect
          label={`${legend}: value`}
          value={value.value}
          onChange={(e) => onChange({ ...value, value: e.currentTarget.value })}
          data={[
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]}
        />
      )}
    </Group>
  );
}

interface ImportedOutcome {
  outcome: string;
  schools: { id: string; name: string }[];
  periods: string[];
}

/** Which imported outcome, and for one school or every school of the project (GET /api/improvement/outcomes). */
function OutcomeFields({ value, onChange }: { value: LiveChoice; onChange: (patch: Partial<LiveChoice>) => void }) {
  const outcomes = useReloadable<{ items: ImportedOutcome[] }>('/api/improvement/outcomes');
  const items = outcomes.data?.items ?? [];
  const chosen = items.find((o) => o.outcome === value.outcome);
  if (outcomes.data && items.length === 0) {
    return <Text size="sm">No outcomes have been imported yet. A district admin imports them with trellis import outcomes (see docs/measures.md).</Text>;
  }
  return (
    <Stack gap={4}>
      <Group align="end">
        <NativeSelect
          label="Outcome"
          value={value.outcome}
          onChange={(e) => onChange({ outcome: e.currentTarget.value, school: '' })}
          data={[{ value: '', label: '— choose an outcome —' }, ...items.map((o) => ({ value: o.outcome, label: o.outcome }))]}
        />
        <NativeSelect
          label="School"
          value={value.school}
          onChange={(e) => onChange({ school: e.currentTarget.value })}
          data={[{ value: '', label: 'Every school of the project' }, ...(chosen?.schools ?? []).map((s) => ({ value: s.id, label: s.name }))]}
        />
      </Group>
      {chosen && chosen.periods.length > 0 && (
        <Text size="sm">
          Periods imported: {chosen.periods[0]}
          {chosen.periods.length > 1 ? ` to ${chosen.periods.at(-1)} (${chosen.periods.length})` : ''}. With denominators, each point is the schools’ summed values over their summed denominators.
        </Text>
      )}
    </Stack>
  );
}

/** The fields of a live measure: what to count, for which team, which skills, and optionally the gap between two groups. */
export function LiveMeasureFields({ value, onChange }: { value: LiveChoice; onChange: (next: LiveChoice) => void }) {
  const teams = useReloadable<{ items: { sourcedId: string; name: string }[] }>('/api/teams');
  const sequence = useReloadable<{ items: { skillId: string; skillCode: string | null; skillName: string }[] }>(
    value.kind === 'mastery_share' && value.team ? `/api/teams/${encodeURIComponent(value.team)}/sequence` : null,
  );
  const set = (patch: Partial<LiveChoice>) => onChange({ ...value, ...patch });
  const teamChoices = [{ value: '', label: '— choose a team —' }, ...(teams.data?.items ?? []).map((t) => ({ value: t.sourcedId, label: t.name }))];
  const skills = sequence.data?.items ?? [];
  return (
    <Fieldset legend="Live from Trellis data">
      <Stack gap="xs">
        <Group align="end">
          <NativeSelect label="What to count" value={value.kind} onChange={(e) => set({ kind: e.currentTarget.value as LiveChoice['kind'] })} data={KINDS} />
          {value.kind !== 'imported_outcome' && (
            <>
              <NativeSelect label="Team" value={value.team} onChange={(e) => set({ team: e.currentTarget.value, skills: null })} data={teamChoices} />
              <NativeSelect
                label="Each"
                value={value.period}
                onChange={(e) => set({ period: e.currentTarget.value as LiveChoice['period'] })}
                data={[
                  { value: 'week', label: 'Week' },
                  { value: 'month', label: 'Month' },
                ]}
              />
            </>
          )}
          {value.kind === 'struggling' && (
            <NativeSelect
              label="As"
              value={value.share ? 'share' : 'count'}
              onChange={(e) => set({ share: e.currentTarget.value === 'share' })}
              data={[
                { value: 'count', label: 'A number of students' },
                { value: 'share', label: 'A share of the students (%)' },
              ]}
            />
          )}
        </Group>
        {value.kind === 'imported_outcome' && <OutcomeFields value={value} onChange={set} />}
        {value.kind === 'mastery_share' && (
          <>
            <Checkbox
              label="Count the skills of the team’s sequence"
              description="Untick to choose some of them"
              checked={value.skills === null}
              onChange={(e) => set({ skills: e.currentTarget.checked ? null : skills.map((s) => s.skillId) })}
            />
            {value.skills !== null && (
              <Checkbox.Group label="Skills counted" value={value.skills} onChange={(chosen) => set({ skills: chosen })}>
                <Stack gap={4} mt={4}>
                  {skills.map((s) => (
                    <Checkbox key={s.skillId} value={s.skillId} label={s.skillCode ? `${s.skillCode} ${s.skillName}` : s.skillName} />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
            {value.team && sequence.data && skills.length === 0 && <Text size="sm">This team has no skill sequence yet.</Text>}
          </>
        )}
        {value.kind !== 'regrouping_frequency' && value.kind !== 'imported_outcome' && (
          <>
            <Checkbox label="Show the gap between two groups of students (group A minus group B)" checked={value.gap} onChange={(e) => set({ gap: e.currentTarget.checked })} />
            {value.gap && (
              <>
                <GroupFields legend="Group A" value={value.a} onChange={(a) => set({ a })} />
                <GroupFields legend="Group B" value={value.b} onChange={(b) => set({ b })} />
              </>
            )}
          </>
        )}
      </Stack>
    </Fieldset>
  );
}
