import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { FormError } from '../../components/FormError.tsx';
import { LoadState } from '../../components/LoadState.tsx';
import { Section } from '../../components/Section.tsx';
import { useCanEdit } from './editing.tsx';
import { MeasureChartView } from './MeasureChartView.tsx';
import type { ProjectTabProps } from './projectTabs.tsx';
import type { Cycle, Measure } from './types.ts';
import { save, useReloadable } from './useReloadable.ts';

const SCALES = ['classroom', 'team', 'school', 'district'];
const PHASE_NAMES: Record<Cycle['phase'], string> = { plan: 'Plan', do: 'Do', study: 'Study', act: 'Act', done: 'Done' };

/** A form for one phase: its fields, a save button and any error. The card announces a save (see CycleCard). */
function PhaseForm({ label, onSave, children }: { label: string; onSave: () => Promise<string | null>; children: ReactNode }) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(await onSave());
  };
  return (
    <form onSubmit={submit} aria-label={label}>
      <Stack gap="xs" maw={720}>
        {children}
        <Group>
          <Button type="submit" variant="default">
            {`Save ${label.toLowerCase()}`}
          </Button>
        </Group>
        <FormError error={error} />
      </Stack>
    </form>
  );
}

/** A phase as a reader sees it: each field's label and what was written, or a dash. */
function PhaseFacts({ facts }: { facts: [string, string | null | undefined][] }) {
  return (
    <dl style={{ margin: 0, maxWidth: '45rem' }}>
      {facts.map(([term, value]) => (
        <div key={term}>
          <Text component="dt" fw={600}>
            {term}
          </Text>
          <Text component="dd" m={0} mb="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {value || '—'}
          </Text>
        </div>
      ))}
    </dl>
  );
}

const DECISION_NAMES: Record<NonNullable<Cycle['act']['decision']>, string> = { adopt: 'Adopt', adapt: 'Adapt', abandon: 'Abandon' };

function CycleCard({ cycle, projectId, measures, ideas, projectVersion, onSaved }: { cycle: Cycle; projectId: string; measures: Measure[]; ideas: IdeaChoice[]; projectVersion: string; onSaved: () => void }) {
  const [draft, setDraft] = useState(cycle);
  // Follow the saved cycle (its version stands for it) without remounting the card, so the phase tab stays open
  // and its "Saved." stays on screen for screen readers to announce.
  useEffect(() => setDraft(cycle), [cycle.updatedAt]);
  const url = `/api/improvement/projects/${projectId}/cycles/${cycle.id}`;
  // After a save the card opens the phase the cycle now waits on; the message lives outside the tabs so it
  // survives that switch and a screen reader hears it ("Study saved. Next: Act.").
  const [tab, setTab] = useState<string>(cycle.phase === 'done' ? 'act' : cycle.phase);
  useEffect(() => setTab(cycle.phase === 'done' ? 'act' : cycle.phase), [cycle.phase]);
  const [savedPhase, setSavedPhase] = useState<string | null>(null);
  const patch = async (phase: string, body: unknown) => {
    setSavedPhase(null);
    const problem = await save(url, 'PATCH', body);
    if (problem === null) {
      setSavedPhase(phase);
      onSaved();
    }
    return problem;
  };
  const text = <K extends 'plan' | 'do' | 'study' | 'act'>(phase: K, key: keyof Cycle[K], label: string, long = false) => {
    const value = (draft[phase][key] as string | null) ?? '';
    const onChange = (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [phase]: { ...draft[phase], [key]: e.currentTarget.value } });
    return long ? <Textarea label={label} value={value} onChange={onChange} autosize minRows={2} /> : <TextInput label={label} value={value} onChange={onChange} />;
  };
  const date = (key: 'startedOn' | 'endedOn', label: string) => (
    <TextInput type="date" label={label} value={draft.do[key] ?? ''} onChange={(e) => setDraft({ ...draft, do: { ...draft.do, [key]: e.currentTarget.value || null } })} />
  );
  const canEdit = useCanEdit();
  const measure = measures.find((m) => m.id === cycle.measureId);
  const idea = ideas.find((i) => i.id === cycle.changeIdeaId);
  return (
    <Paper withBorder p="md" mb="md" component="article" aria-labelledby={`cycle-${cycle.id}`}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id={`cycle-${cycle.id}`}>
          {cycle.title}
        </Title>
        <Group gap="xs">
          <Badge variant="light">{`${PHASE_NAMES[cycle.phase]} · ${cycle.scale}`}</Badge>
          {cycle.overdue && <Badge color="red">{`Overdue: due ${cycle.dueOn}`}</Badge>}
        </Group>
      </Group>
      <Tabs value={tab} onChange={(value) => value && setTab(value)} keepMounted={false}>
        <Tabs.List aria-label={`Phases of ${cycle.title}`}>
          <Tabs.Tab value="plan">Plan</Tabs.Tab>
          <Tabs.Tab value="do">Do</Tabs.Tab>
          <Tabs.Tab value="study">Study</Tabs.Tab>
          <Tabs.Tab value="act">Act</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="plan" pt="sm">
          {!canEdit ? (
            <PhaseFacts
              facts={[
                ['Change idea it tests', idea?.title],
                ['Measure to study', measure?.name],
                ['Question: what do we want to learn?', cycle.plan.question],
                ['Prediction: what do we think will happen?', cycle.plan.prediction],
                ['Who', cycle.plan.who],
                ['What', cycle.plan.what],
                ['Where', cycle.plan.where],
                ['When', cycle.plan.when],
                ['Data to collect', cycle.plan.data],
                ['Participants', cycle.participants],
                ['Due date', cycle.dueOn],
              ]}
            />
          ) : (
            <PhaseForm label="Plan" onSave={() => patch('Plan', { plan: draft.plan, participants: draft.participants, dueOn: draft.dueOn, changeIdeaId: draft.changeIdeaId, measureId: draft.measureId })}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect label="Change idea it tests" value={draft.changeIdeaId ?? ''} onChange={(e) => setDraft({ ...draft, changeIdeaId: e.currentTarget.value || null })} data={ideaOptions(ideas)} />
                <NativeSelect label="Measure to study" value={draft.measureId ?? ''} onChange={(e) => setDraft({ ...draft, measureId: e.currentTarget.value || null })} data={measureOptions(measures)} />
              </SimpleGrid>
              {text('plan', 'question', 'Question: what do we want to learn?', true)}
              {text('plan', 'prediction', 'Prediction: what do we think will happen?', true)}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {text('plan', 'who', 'Who')}
                {text('plan', 'what', 'What')}
                {text('plan', 'where', 'Where')}
                {text('plan', 'when', 'When')}
              </SimpleGrid>
              {text('plan', 'data', 'Data to collect', true)}
              <TextInput label="Participants" value={draft.participants} onChange={(e) => setDraft({ ...draft, participants: e.currentTarget.value })} />
              <TextInput type="date" label="Due date" value={draft.dueOn ?? ''} onChange={(e) => setDraft({ ...draft, dueOn: e.currentTarget.value || null })} />
            </PhaseForm>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="do" pt="sm">
          {!canEdit ? (
            <PhaseFacts
              facts={[
                ['Started on', cycle.do.startedOn],
                ['Ended on', cycle.do.endedOn],
                ['What happened', cycle.do.whatHappened],
                ['Observations', cycle.do.observations],
              ]}
            />
          ) : (
            <PhaseForm label="Do" onSave={() => patch('Do', { do: draft.do })}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {date('startedOn', 'Started on')}
                {date('endedOn', 'Ended on')}
              </SimpleGrid>
              {text('do', 'whatHappened', 'What happened', true)}
              {text('do', 'observations', 'Observations', true)}
            </PhaseForm>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="study" pt="sm">
          <div className="improvement-study">
            <div>
              <Text fw={600}>Prediction</Text>
              <Text mb="sm">{cycle.plan.prediction || 'No prediction was written in the plan.'}</Text>
              {canEdit ? (
                <PhaseForm label="Study" onSave={() => patch('Study', { study: draft.study })}>
                  {text('study', 'results', 'Results: what did the data show, against the prediction?', true)}
                </PhaseForm>
              ) : (
                <PhaseFacts facts={[['Results: what did the data show, against the prediction?', cycle.study.results]]} />
              )}
            </div>
            <div>
              {measure ? (
                <MeasureChartView projectId={projectId} measureId={measure.id} version={projectVersion} headingOrder={4} />
              ) : (
                <Text>{canEdit ? 'Choose the measure to study on the Plan tab to see its chart here.' : 'No measure was chosen to study.'}</Text>
              )}
            </div>
          </div>
        </Tabs.Panel>
        <Tabs.Panel value="act" pt="sm">
          {!canEdit ? (
            <PhaseFacts
              facts={[
                ['Decision', cycle.act.decision ? DECISION_NAMES[cycle.act.decision] : 'Not decided'],
                ['Next step', cycle.act.nextStep],
              ]}
            />
          ) : (
            <PhaseForm label="Act" onSave={() => patch('Act', { act: draft.act })}>
              <NativeSelect
                label="Decision"
                value={draft.act.decision ?? ''}
                onChange={(e) => setDraft({ ...draft, act: { ...draft.act, decision: (e.currentTarget.value || null) as Cycle['act']['decision'] } })}
                data={[{ value: '', label: '— not decided —' }, { value: 'adopt', label: 'Adopt' }, { value: 'adapt', label: 'Adapt' }, { value: 'abandon', label: 'Abandon' }]}
              />
              {text('act', 'nextStep', 'Next step', true)}
            </PhaseForm>
          )}
        </Tabs.Panel>
      </Tabs>
      <div role="status">
        {savedPhase && <Text size="sm" mt="xs">{`${savedPhase} saved.${cycle.phase === 'done' ? ' The cycle is done.' : ` Next: ${PHASE_NAMES[cycle.phase]}.`}`}</Text>}
      </div>
    </Paper>
  );
}

/** A change idea as the cycle forms offer it. */
interface IdeaChoice {
  id: string;
  title: string;
}

const ideaOptions = (ideas: IdeaChoice[]) => [{ value: '', label: '— none —' }, ...ideas.map((i) => ({ value: i.id, label: i.title }))];
const measureOptions = (measures: Measure[]) => [{ value: '', label: '— none —' }, ...measures.map((m) => ({ value: m.id, label: m.name }))];

function NewCycleForm({ projectId, measures, cycles, ideas, onSaved }: { projectId: string; measures: Measure[]; cycles: Cycle[]; ideas: IdeaChoice[]; onSaved: () => void }) {
  const [title, setTitle] = useState('');
  const [changeIdeaId, setChangeIdeaId] = useState('');
  const [measureId, setMeasureId] = useState('');
  const [previousCycleId, setPrevious] = useState('');
  const [scale, setScale] = useState('classroom');
  const [dueOn, setDueOn] = useState('');
  const [question, setQuestion] = useState('');
  const [prediction, setPrediction] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError('Give the cycle a title.');
    const problem = await save(`/api/improvement/projects/${projectId}/cycles`, 'POST', {
      title,
      changeIdeaId: changeIdeaId || null,
      measureId: measureId || null,
      previousCycleId: previousCycleId || null,
      scale,
      dueOn: dueOn || null,
      plan: { question, prediction },
    });
    setError(problem);
    if (problem === null) {
      setTitle('');
      setQuestion('');
      setPrediction('');
      onSaved();
    }
  };
  return (
    <form onSubmit={submit} aria-label="Plan a new cycle">
      <Stack maw={720} gap="xs">
        <TextInput label="Cycle title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label="Change idea it tests" value={changeIdeaId} onChange={(e) => setChangeIdeaId(e.currentTarget.value)} data={ideaOptions(ideas)} />
          <NativeSelect label="Measure to study" value={measureId} onChange={(e) => setMeasureId(e.currentTarget.value)} data={measureOptions(measures)} />
          <NativeSelect label="Scale" value={scale} onChange={(e) => setScale(e.currentTarget.value)} data={SCALES} />
          <NativeSelect label="Builds on cycle" value={previousCycleId} onChange={(e) => setPrevious(e.currentTarget.value)} data={[{ value: '', label: '— none (a first test) —' }, ...cycles.map((c) => ({ value: c.id, label: c.title }))]} />
          <TextInput type="date" label="Due date" value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
        </SimpleGrid>
        <Textarea label="Question: what do we want to learn?" value={question} onChange={(e) => setQuestion(e.currentTarget.value)} autosize minRows={2} />
        <Textarea label="Prediction: what do we think will happen?" value={prediction} onChange={(e) => setPrediction(e.currentTarget.value)} autosize minRows={2} />
        <div>
          <Button type="submit">Plan the cycle</Button>
        </div>
        <FormError error={error} />
      </Stack>
    </form>
  );
}

/** The project's PDSA cycles, a form per phase (plain text for readers), overdue ones flagged; and a form to plan the next. */
export function CyclesPanel({ project, reloadProject }: ProjectTabProps) {
  const canEdit = useCanEdit();
  const cycles = useReloadable<{ items: Cycle[] }>(`/api/improvement/projects/${project.id}/cycles`);
  const measures = useReloadable<{ items: Measure[] }>(`/api/improvement/projects/${project.id}/measures`);
  const saved = () => {
    cycles.reload();
    reloadProject();
  };
  const overdue = cycles.data?.items.filter((c) => c.overdue).length ?? 0;
  return (
    <>
      <LoadState loading={cycles.loading && !cycles.data} error={cycles.error ?? measures.error} what="cycles" />
      {overdue > 0 && (
        <Alert color="red" variant="light" mb="md" title="Overdue">
          {`${overdue} ${overdue === 1 ? 'cycle is' : 'cycles are'} past the due date and not yet studied.`}
        </Alert>
      )}
      {cycles.data && measures.data && (
        <Section title="Cycles">
          {cycles.data.items.length === 0 && <p>{canEdit ? 'No cycles yet: plan a small test below.' : 'No cycles yet.'}</p>}
          {cycles.data.items.map((cycle) => (
            <CycleCard key={cycle.id} cycle={cycle} projectId={project.id} measures={measures.data!.items} ideas={project.changeIdeas} projectVersion={project.updatedAt} onSaved={saved} />
          ))}
        </Section>
      )}
      {canEdit && measures.data && cycles.data && (
        <Section title="Plan a new cycle">
          <NewCycleForm projectId={project.id} measures={measures.data.items} cycles={cycles.data.items} ideas={project.changeIdeas} onSaved={saved} />
        </Section>
      )}
    </>
  );
}
