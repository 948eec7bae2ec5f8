import { DndContext, PointerSensor, pointerWithin, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { Alert, Anchor, Button, Group as Row, Modal, Switch, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Section } from '../../components/Section.tsx';
import { useMe } from '../../session/SessionProvider.tsx';
import { humanise, placesOfBlock, unplacedInBlock, warningsOfPlace, withoutIdle, withPlace, type BoardPlace } from './boardModel.ts';
import { GroupCard } from './GroupCard.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { changedSince, checkDraft, followPin, isIsoDate, moveStudent, nextSchoolDay, nextSkillOf, pinOf, setFocus, togglePin } from './planEdit.ts';
import { planPath, ProblemError, send } from './regroupApi.ts';
import { StudentRow } from './StudentRow.tsx';
import type { DayPlan, Group, Pin, PlanView } from './types.ts';
import './regroup.css';

const PLANNERS = new Set(['teacher_leader', 'school_leader', 'district_admin']);

/** The team day board: the date's draft as blocks × groups, edited by drag, menu and select, then published. */
export function DayBoardPage() {
  const { id: team = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const date = isIsoDate(params.get('date')) ? params.get('date')! : nextSchoolDay(new Date());
  const me = useMe();

  const [view, setView] = useState<PlanView>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [groups, setGroups] = useState<Group[]>([]);
  const [pins, setPins] = useState<Pin[]>([]);
  const [serverReasons, setServerReasons] = useState<DayPlan['reasons']>({});
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState<'generate' | 'publish' | null>(null);
  const [actionError, setActionError] = useState<{ detail: string; items: string[] } | null>(null);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | 'failed' | null>(null);
  const [compare, setCompare] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const saving = useRef<Promise<unknown>>(Promise.resolve());

  const adopt = useCallback((next: PlanView) => {
    setView(next);
    const plan = next.draft ?? next.published;
    setGroups(plan?.groups ?? []);
    setPins(next.draft?.pins ?? []);
    setServerReasons(plan?.reasons ?? {});
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setView(undefined);
    setLoadError(undefined);
    api<PlanView>(planPath(team, date), { signal: controller.signal })
      .then(adopt)
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setLoadError(reason instanceof ApiError ? reason : new ApiError(0, 'Could not reach the server.'));
      });
    return () => controller.abort();
  }, [team, date, adopt]);

  const check = useMemo(() => (view && groups.length > 0 ? checkDraft(view, groups, pins) : null), [view, groups, pins]);
  const warnings = check?.warnings ?? [];
  const changed = useMemo(() => (compare ? changedSince(groups, view?.previous?.groups) : new Set<string>()), [compare, groups, view]);
  const editable = PLANNERS.has(me.role) && groups.length > 0;

  /** Stores the edit as the draft; saves run one after another so the last edit wins. */
  const persist = (nextGroups: Group[], nextPins: Pin[]) => {
    setSaveState('saving');
    saving.current = saving.current
      .then(() => send<{ draft: DayPlan }>('PUT', `${planPath(team, date)}/draft`, { groups: withoutIdle(nextGroups), pins: nextPins }))
      .then(({ draft }) => {
        setServerReasons(draft.reasons);
        setView((current) => (current ? { ...current, draft } : current));
        setSaveState('saved');
      })
      .catch(() => setSaveState('failed'));
  };

  const edit = (nextGroups: Group[], nextPins: Pin[], message: string) => {
    setGroups(nextGroups);
    setPins(nextPins);
    persist(nextGroups, nextPins);
    if (view) {
      const broken = checkDraft(view, nextGroups, nextPins).warnings.length;
      setAnnouncement(`${message} ${broken === 0 ? 'No rules broken.' : `${broken} broken ${broken === 1 ? 'rule' : 'rules'}.`}`);
    }
  };

  const studentName = (id: string) => view?.students.find((s) => s.id === id)?.name ?? id;
  const blockName = (id: string) => view?.setup.blocks.find((b) => b.id === id)?.name ?? id;

  const move = (student: string, place: BoardPlace) => {
    let nextGroups = moveStudent(withPlace(groups, place), student, place.key);
    let message = `${studentName(student)} moved to ${place.title} in ${blockName(place.group.block)}.`;
    // A student who starts an idle adult's group gives it a focus: their own next skill.
    if (view && place.kind === 'group' && place.group.focusSkill === null && place.group.students.length === 0) {
      const focus = nextSkillOf(view, student);
      nextGroups = setFocus(nextGroups, place.key, focus);
      message += ` Its focus is now ${view.skills.find((k) => k.id === focus)?.code ?? 'none'}.`;
    }
    edit(nextGroups, followPin(pins, nextGroups, place.group.block, student), message);
  };

  const onDragEnd = (event: DragEndEvent) => {
    const from = event.active.data.current as { block: string; student: string } | undefined;
    const to = event.over?.id;
    if (!from || typeof to !== 'string' || !view) return;
    const block = view.setup.blocks.find((b) => b.id === from.block);
    const place = block && placesOfBlock(view, groups, block).find((p) => p.key === to);
    if (!place) {
      setAnnouncement(`${studentName(from.student)} stays: students move only between places of the same block.`);
      return;
    }
    if (!place.group.students.includes(from.student)) move(from.student, place);
  };

  const generate = async () => {
    setBusy('generate');
    setActionError(null);
    try {
      await saving.current;
      adopt(await send<PlanView>('POST', `${planPath(team, date)}/generate`));
      setAnnouncement('A new plan was generated; pinned placements were kept.');
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(null);
    }
  };

  const publish = async (override: boolean) => {
    setBusy('publish');
    try {
      await saving.current;
      adopt(await send<PlanView>('POST', `${planPath(team, date)}/publish`, { override }));
      setConfirming(false);
      setRefusal(null);
      setAnnouncement(`The plan for ${date} is published.`);
    } catch (error) {
      if (error instanceof ProblemError && error.problem.status === 409 && error.problem.warnings) {
        setRefusal(error.problem.warnings.map((w) => (view ? humanise(view, w.message) : w.message)));
      } else {
        setConfirming(false);
        reportError(error);
      }
    } finally {
      setBusy(null);
    }
  };

  const reportError = (error: unknown) => {
    if (error instanceof ProblemError) {
      const items = (error.problem.problems ?? error.problem.warnings ?? []).map((p) => (view ? humanise(view, p.message) : p.message));
      setActionError({ detail: view ? humanise(view, error.problem.detail) : error.problem.detail, items });
    } else setActionError({ detail: 'Could not reach the server.', items: [] });
  };

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const title = view ? `Day board · ${view.team.name}` : 'Day board';

  return (
    <>
      <PageHeading title={title} />
      <Row className="no-print" align="end" gap="md" mb="md" wrap="wrap">
        <TextInput type="date" label="Day" value={date} onChange={(event) => isIsoDate(event.currentTarget.value) && setParams({ date: event.currentTarget.value })} />
        <Anchor component={Link} to={`/teams/${encodeURIComponent(team)}/day-setup`}>
          Day setup
        </Anchor>
        <Anchor component={Link} to={`/teams/${encodeURIComponent(team)}`}>
          Team
        </Anchor>
      </Row>
      <LoadState loading={!view && !loadError} error={loadError} what="the day plan" />
      <div role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
      {view && (
        <>
          <PlanStatus view={view} date={date} />
          {PLANNERS.has(me.role) && (
            <Row gap="sm" mb="md" className="no-print" wrap="wrap">
              <Button onClick={generate} loading={busy === 'generate'}>
                {groups.length === 0 ? 'Generate plan' : 'Regenerate (keeps pins)'}
              </Button>
              <Button variant="default" onClick={() => setConfirming(true)} disabled={!view.draft}>
                Publish…
              </Button>
              {saveState && (
                <Text size="sm" c={saveState === 'failed' ? 'red.9' : 'dimmed'}>
                  {saveState === 'saving' ? 'Saving draft…' : saveState === 'saved' ? 'Draft saved' : 'The draft could not be saved; try again.'}
                </Text>
              )}
            </Row>
          )}
          {actionError && (
            <Alert role="alert" color="red" title="The plan was not changed" mb="md" withCloseButton onClose={() => setActionError(null)} closeButtonLabel="Dismiss">
              <p>{actionError.detail}</p>
              {actionError.items.length > 0 && (
                <ul>
                  {actionError.items.map((item, i) => (
                    <li key={i}>{item}</li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          {groups.length > 0 && (
            <>
              <WarningSummary messages={warnings.map((w) => humanise(view, w.message))} />
              <Switch
                className="no-print"
                mb="md"
                checked={compare}
                disabled={!view.previous}
                onChange={(event) => setCompare(event.currentTarget.checked)}
                label={view.previous ? `Compare with the last published plan (${view.previous.date})` : 'Compare with the last published plan (there is none yet)'}
              />
              <DndContext sensors={sensors} collisionDetection={pointerWithin} onDragEnd={onDragEnd}>
                <div className="board-grid" style={{ gridTemplateColumns: `repeat(${view.setup.blocks.length}, minmax(16rem, 1fr))` }}>
                  {view.setup.blocks.map((block) => {
                    const places = placesOfBlock(view, groups, block);
                    const unplaced = unplacedInBlock(view, groups, block.id);
                    const rowFor = (student: string, place: BoardPlace | null) => {
                      const info = view.students.find((s) => s.id === student) ?? { id: student, name: student, mastery: {}, flags: [], needs: [] };
                      const focus = place?.kind === 'group' ? place.group.focusSkill : null;
                      return (
                        <StudentRow
                          key={student}
                          student={info}
                          block={block.id}
                          blockName={block.name}
                          mastery={focus ? (info.mastery[focus] ?? 0) : null}
                          reason={serverReasons[student]?.[block.id] ?? check?.reasons[student]?.[block.id]}
                          pinned={!!pinOf(pins, block.id, student)}
                          changed={changed.has(`${student}|${block.id}`)}
                          editable={editable}
                          targets={places.filter((p) => p.key !== place?.key).map((p) => ({ key: p.key, label: `${p.title} (${p.group.students.length} of ${p.capacity})` }))}
                          onMove={(key) => move(student, places.find((p) => p.key === key)!)}
                          onTogglePin={() => {
                            const next = togglePin(pins, groups, block.id, student);
                            edit(groups, next, `${info.name} ${next.length > pins.length ? 'pinned' : 'unpinned'} in ${block.name}.`);
                          }}
                        />
                      );
                    };
                    return (
                      <section key={block.id} className="board-column" aria-labelledby={`block-${block.id}`}>
                        <h3 id={`block-${block.id}`} className="board-column-title">
                          {block.name} <span className="board-time">{block.start}–{block.end}</span>
                        </h3>
                        {places.map((place) => (
                          <GroupCard
                            key={place.key}
                            id={place.key}
                            title={place.title}
                            subtitle={block.name}
                            count={place.group.students.length}
                            capacity={place.capacity}
                            warnings={warningsOfPlace(warnings, place).map((w) => ({ ...w, message: humanise(view, w.message) }))}
                            focus={
                              place.kind === 'group'
                                ? {
                                    value: place.group.focusSkill,
                                    skills: view.skills,
                                    editable,
                                    onChange: (skill) => {
                                      const code = view.skills.find((k) => k.id === skill)?.code ?? 'no focus';
                                      edit(setFocus(withPlace(groups, place), place.key, skill), pins, `${place.title} in ${block.name} now focuses on ${code}.`);
                                    },
                                  }
                                : undefined
                            }
                          >
                            {place.group.students.map((student) => rowFor(student, place))}
                          </GroupCard>
                        ))}
                        {unplaced.length > 0 && (
                          <section className="board-card board-unplaced" aria-label={`Not placed in ${block.name}`}>
                            <h4 className="board-card-title">Not placed</h4>
                            <ul className="board-students">{unplaced.map((student) => rowFor(student, null))}</ul>
                          </section>
                        )}
                      </section>
                    );
                  })}
                </div>
              </DndContext>
            </>
          )}
          <PlanLinks view={view} team={team} date={date} />
          <HistoryPanel team={team} date={date} />
        </>
      )}
      <Modal opened={confirming} onClose={() => (setConfirming(false), setRefusal(null))} title={`Publish the plan for ${date}?`}>
        <p>Adults and students will see this plan, and the adults' calendars will update.</p>
        {warnings.length > 0 && !refusal && <p>The plan breaks {warnings.length === 1 ? 'one hard rule' : `${warnings.length} hard rules`}; the server will ask you to confirm.</p>}
        {refusal && (
          <Alert role="alert" color="red" title="The plan breaks hard rules" mb="sm">
            <ul>
              {refusal.map((message, i) => (
                <li key={i}>{message}</li>
              ))}
            </ul>
          </Alert>
        )}
        <Row justify="flex-end" gap="sm" mt="md">
          <Button variant="default" onClick={() => (setConfirming(false), setRefusal(null))}>
            Cancel
          </Button>
          {refusal ? (
            <Button color="red.9" loading={busy === 'publish'} onClick={() => publish(true)}>
              Publish anyway
            </Button>
          ) : (
            <Button loading={busy === 'publish'} onClick={() => publish(false)}>
              Publish
            </Button>
          )}
        </Row>
      </Modal>
    </>
  );
}

function PlanStatus({ view, date }: { view: PlanView; date: string }) {
  const { draft, published } = view;
  return (
    <Text mb="sm">
      {draft ? `Draft generated ${draft.generatedAt ? new Date(draft.generatedAt).toLocaleString() : ''}` : `No draft for ${date} yet.`}
      {published?.publishedAt ? ` · Published ${new Date(published.publishedAt).toLocaleString()}${published.publishedBy ? ` by ${published.publishedBy}` : ''}.` : ' · Not published.'}
    </Text>
  );
}

function WarningSummary({ messages }: { messages: string[] }) {
  if (messages.length === 0) {
    return (
      <Alert color="green" variant="light" mb="md" title="No rules broken" className="board-summary">
        Every hard rule holds.
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" mb="md" title={`${messages.length} broken ${messages.length === 1 ? 'rule' : 'rules'}`} className="board-summary">
      <ul>
        {messages.map((message, i) => (
          <li key={i}>{message}</li>
        ))}
      </ul>
    </Alert>
  );
}

function PlanLinks({ view, team, date }: { view: PlanView; team: string; date: string }) {
  const csv = `${planPath(team, date)}/export.csv`;
  return (
    <Section title="Published plans">
      {view.published ? (
        <>
          <p>Each adult's page lists their groups with students' recent evidence and flags, and prints one page per adult.</p>
          <ul className="board-links">
            {view.setup.adults.map((adult) => (
              <li key={adult.id}>
                <Anchor component={Link} to={`/staff/${encodeURIComponent(adult.id)}/plan?date=${date}`}>
                  {adult.name ?? adult.id}'s plan
                </Anchor>
              </li>
            ))}
          </ul>
          <Row gap="md" className="no-print">
            <Anchor component={Link} to={`/teams/${encodeURIComponent(team)}/plans/${date}/print`}>
              Print every adult's plan
            </Anchor>
            <Anchor href={csv} download>
              Download the published plan (CSV)
            </Anchor>
          </Row>
        </>
      ) : (
        <p>Nothing is published for {date} yet.</p>
      )}
      {view.draft && (
        <p className="no-print">
          <Anchor href={`${csv}?plan=draft`} download>
            Download the draft (CSV)
          </Anchor>
        </p>
      )}
    </Section>
  );
}
