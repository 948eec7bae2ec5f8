import { Alert, Anchor, Button, Checkbox, Fieldset, Group as Row, NativeSelect, NumberInput, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { withQuery } from '../../api.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Section } from '../../components/Section.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useMe } from '../../session/SessionProvider.tsx';
import type { Page, StudentSummary } from '../../types.ts';
import { ProblemError, send, teamPath } from './regroupApi.ts';
import { errorWithin, serverFieldError, validateSetup, type FieldErrors } from './setupForm.ts';
import type { DaySetup, SetupStation, StationKind } from './types.ts';
import './regroup.css';

const PLANNERS = new Set(['teacher_leader', 'school_leader', 'district_admin']);
const KINDS: { value: StationKind; label: string }[] = [
  { value: 'online', label: 'Online practice' },
  { value: 'independent', label: 'Independent work' },
  { value: 'collaborative', label: 'Collaborative table' },
];
const ROLE_NAMES: Record<string, string> = { teacher_leader: 'Teacher-leader', teacher: 'Teacher', resident: 'Resident', tutor: 'Tutor' };

/** The team's day model: blocks, adults, stations, rooms and the rules the regrouping keeps. */
export function DaySetupPage() {
  const { id: team = '' } = useParams();
  const me = useMe();
  const stored = useApi<DaySetup>(`${teamPath(team)}/day-setup`);
  const roster = useApi<Page<StudentSummary>>(withQuery('/api/students', { team, limit: 500 }));
  const [setup, setSetup] = useState<DaySetup>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const editable = PLANNERS.has(me.role);

  useEffect(() => setSetup(stored.data), [stored.data]);

  const update = (change: (draft: DaySetup) => void) =>
    setSetup((current) => {
      if (!current) return current;
      const next = structuredClone(current);
      change(next);
      return next;
    });

  const save = async () => {
    if (!setup) return;
    const found = validateSetup(setup);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setStatus({ ok: false, text: `Fix the ${Object.keys(found).length === 1 ? 'field' : `${Object.keys(found).length} fields`} marked below, then save again.` });
      return;
    }
    setSaving(true);
    try {
      const { team: _team, stored: _stored, updatedAt: _at, updatedBy: _by, ...body } = setup;
      const saved = await send<DaySetup>('PUT', `${teamPath(team)}/day-setup`, body);
      setSetup(saved);
      setStatus({ ok: true, text: 'The day setup is saved.' });
    } catch (error) {
      const detail = error instanceof ProblemError ? error.problem.detail : 'Could not reach the server.';
      const field = serverFieldError(detail);
      if (field) setErrors({ [field.path]: field.message });
      setStatus({ ok: false, text: detail });
    } finally {
      setSaving(false);
    }
  };

  const students = (roster.data?.items ?? []).map((s) => ({ value: s.sourcedId, label: `${s.familyName}, ${s.givenName}` }));
  const studentOptions = [{ value: '', label: 'Choose a student' }, ...students];
  const err = (path: string) => errorWithin(errors, path);

  return (
    <>
      <PageHeading title="Team day setup" />
      <Row mb="md" gap="md" className="no-print">
        <Anchor component={Link} to={`/teams/${encodeURIComponent(team)}/day`}>
          Day board
        </Anchor>
        <Anchor component={Link} to={`/teams/${encodeURIComponent(team)}`}>
          Team
        </Anchor>
      </Row>
      <LoadState loading={stored.loading} error={stored.error} what="the day setup" />
      {setup && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          noValidate
        >
          <Text mb="md">
            {setup.stored ? `Saved ${setup.updatedAt ? new Date(setup.updatedAt).toLocaleString() : ''}${setup.updatedBy ? ` by ${setup.updatedBy}` : ''}.` : 'Not saved yet: these are the defaults from the team’s members.'}
            {!editable && ' Only the teacher-leader and school leaders change the setup.'}
          </Text>
          <fieldset disabled={!editable} className="setup-fieldset">
            <Section title="Blocks">
              {err('blocks') && <Text c="red.9">{err('blocks')}</Text>}
              <Table>
                <caption className="visually-hidden">Blocks of the day</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Id</Table.Th>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Starts</Table.Th>
                    <Table.Th>Ends</Table.Th>
                    <Table.Th>
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {setup.blocks.map((block, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>
                        <TextInput aria-label={`Block ${i + 1} id`} value={block.id} error={err(`blocks[${i}].id`)} onChange={(e) => {
  const { value } = e.currentTarget;
  update((d) => void (d.blocks[i]!.id = value));
}} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput aria-label={`Block ${i + 1} name`} value={block.name} error={err(`blocks[${i}].name`)} onChange={(e) => {
  const { value } = e.currentTarget;
  update((d) => void (d.blocks[i]!.name = value));
}} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput type="time" aria-label={`Block ${i + 1} starts`} value={block.start} error={err(`blocks[${i}].start`)} onChange={(e) => {
  const { value } = e.currentTarget;
  update((d) => void (d.blocks[i]!.start = value));
}} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput type="time" aria-label={`Block ${i + 1} ends`} value={block.end} error={err(`blocks[${i}].end`)} onChange={(e) => {
  const { value } = e.currentTarget;
  update((d) => void (d.blocks[i]!.end = value));
}} />
                      </Table.Td>
                      <Table.Td>
                        <Button variant="default" size="xs" onClick={() => update((d) => removeBlock(d, i))}>
                          Remove block {i + 1}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Button variant="default" size="xs" mt="xs" onClick={() => update((d) => addBlock(d))}>
                Add a block
              </Button>
            </Section>

            <Section title="Adults">
              <Text size="sm" mb="xs">
                Adults come from the team’s members. Capacity is how many students they lead at once (defaults: teacher 12, resident 8, tutor 4).
              </Text>
              {setup.adults.map((adult, i) => (
                <Fieldset key={adult.id} legend={`${adult.name ?? adult.id} (${ROLE_NAMES[adult.role] ?? adult.role})`} mb="sm">
                  <Row align="flex-start" gap="lg" wrap="wrap">
                    <NumberInput label="Capacity" min={1} max={200} w={120} value={adult.capacity} error={err(`adults[${i}].capacity`)} onChange={(v) => update((d) => void (d.adults[i]!.capacity = Number(v)))} />
                    <Checkbox.Group label="Available in" value={adult.blocks} error={err(`adults[${i}].blocks`)} onChange={(v) => update((d) => void (d.adults[i]!.blocks = orderLike(d, v)))}>
                      <Row gap="sm" mt={4}>
                        {setup.blocks.map((block) => (
                          <Checkbox key={block.id} value={block.id} label={block.name || block.id} />
                        ))}
                      </Row>
                    </Checkbox.Group>
                    <SupportsInput
                      value={adult.supports}
                      error={err(`adults[${i}].supports`) ?? err(`adults[${i}]`)}
                      onChange={(supports) => update((d) => void (d.adults[i]!.supports = supports))}
                    />
                  </Row>
                </Fieldset>
              ))}
            </Section>

            <Section title="Stations">
              {setup.stations.map((station, i) => (
                <Fieldset key={i} legend={station.name || `Station ${i + 1}`} mb="sm">
                  <Row align="flex-start" gap="md" wrap="wrap">
                    <TextInput label="Id" w={140} value={station.id} error={err(`stations[${i}].id`)} onChange={(e) => {
  const { value } = e.currentTarget;
  update((d) => void (d.stations[i]!.id = value));
}} />
                    <TextInput label="Name" value={station.name} error={err(`stations[${i}].name`)} onChange={(e) => {
  const { value } = e.currentTarget;
  update((d) => void (d.stations[i]!.name = value));
}} />
                    <NativeSelect label="Kind" data={KINDS} value={station.kind} error={err(`stations[${i}].kind`)} onChange={(e) => {
  const { value } = e.currentTarget;
  update((d) => void (d.stations[i]!.kind = value as StationKind));
}} />
                    <NumberInput label="Capacity" min={1} max={200} w={120} value={station.capacity} error={err(`stations[${i}].capacity`)} onChange={(v) => update((d) => void (d.stations[i]!.capacity = Number(v)))} />
                    <NativeSelect
                      label="Supervisor"
                      value={station.supervisor ?? ''}
                      error={err(`stations[${i}].supervisor`)}
                      data={[{ value: '', label: 'None' }, ...setup.adults.map((a) => ({ value: a.id, label: a.name ?? a.id }))]}
                      onChange={(e) => {
  const { value } = e.currentTarget;
  update((d) => void (d.stations[i]!.supervisor = value || null));
}}
                    />
                    <Checkbox.Group label="Open in" value={station.blocks} error={err(`stations[${i}].blocks`)} onChange={(v) => update((d) => void (d.stations[i]!.blocks = orderLike(d, v)))}>
                      <Row gap="sm" mt={4}>
                        {setup.blocks.map((block) => (
                          <Checkbox key={block.id} value={block.id} label={block.name || block.id} />
                        ))}
                      </Row>
                    </Checkbox.Group>
                  </Row>
                  <Button variant="default" size="xs" mt="xs" onClick={() => update((d) => void d.stations.splice(i, 1))}>
                    Remove {station.name || `station ${i + 1}`}
                  </Button>
                </Fieldset>
              ))}
              <Button variant="default" size="xs" onClick={() => update((d) => void d.stations.push(newStation(d)))}>
                Add a station
              </Button>
            </Section>

            <Section title="Rooms">
              {setup.rooms.length === 0 && <Text size="sm">No rooms listed.</Text>}
              {setup.rooms.map((room, i) => (
                <Row key={i} align="flex-end" gap="md" mb="xs">
                  <TextInput label={`Room ${i + 1} name`} value={room.name} error={err(`rooms[${i}].name`)} onChange={(e) => {
  const { value } = e.currentTarget;
  update((d) => void (d.rooms[i]!.name = value));
}} />
                  <NumberInput label={`Room ${i + 1} capacity`} min={1} max={200} w={160} value={room.capacity} error={err(`rooms[${i}].capacity`)} onChange={(v) => update((d) => void (d.rooms[i]!.capacity = Number(v)))} />
                  <Button variant="default" size="xs" onClick={() => update((d) => void d.rooms.splice(i, 1))}>
                    Remove room {i + 1}
                  </Button>
                </Row>
              ))}
              <Button variant="default" size="xs" onClick={() => update((d) => void d.rooms.push({ name: '', capacity: 30 }))}>
                Add a room
              </Button>
            </Section>

            <Section title="Rules">
              <NumberInput
                label="Blocks each student spends with an adult, at least"
                min={0}
                max={setup.blocks.length}
                w={360}
                value={setup.constraints.adultLedPerDay}
                error={err('constraints.adultLedPerDay')}
                onChange={(v) => update((d) => void (d.constraints.adultLedPerDay = Number(v)))}
              />
              {(['apart', 'together'] as const).map((kind) => (
                <Fieldset key={kind} legend={kind === 'apart' ? 'Students kept apart' : 'Students kept together'} mt="md">
                  {setup.constraints[kind].map((pair, i) => (
                    <Row key={i} align="flex-end" gap="sm" mb="xs">
                      {[0, 1].map((side) => (
                        <NativeSelect
                          key={side}
                          label={`Pair ${i + 1}, ${side === 0 ? 'first' : 'second'} student`}
                          data={studentOptions}
                          value={pair[side] ?? ''}
                          error={side === 1 ? err(`constraints.${kind}[${i}]`) : undefined}
                          onChange={(e) => {
  const { value } = e.currentTarget;
  update((d) => void (d.constraints[kind][i]![side] = value));
}}
                        />
                      ))}
                      <Button variant="default" size="xs" onClick={() => update((d) => void d.constraints[kind].splice(i, 1))}>
                        Remove pair {i + 1}
                      </Button>
                    </Row>
                  ))}
                  <Button variant="default" size="xs" onClick={() => update((d) => void d.constraints[kind].push(['', '']))}>
                    Add a pair
                  </Button>
                </Fieldset>
              ))}
            </Section>
          </fieldset>
          <div role="status" aria-live="polite">
            {status && (
              <Alert color={status.ok ? 'green' : 'red'} variant="light" my="md">
                {status.text}
              </Alert>
            )}
          </div>
          {editable && (
            <Button type="submit" loading={saving} mt="sm">
              Save the day setup
            </Button>
          )}
        </form>
      )}
    </>
  );
}

/** Keeps what the leader types (a trailing comma included) and reports the parsed list. */
function SupportsInput({ value, error, onChange }: { value: string[]; error: string | undefined; onChange(supports: string[]): void }) {
  const [text, setText] = useState(value.join(', '));
  return (
    <TextInput
      label="Supports (comma-separated)"
      description="e.g. english_learner, special_education"
      value={text}
      error={error}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(splitList(e.currentTarget.value));
      }}
    />
  );
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Keeps a block list in the day's order whatever order the boxes were ticked in. */
function orderLike(setup: DaySetup, ids: string[]): string[] {
  return setup.blocks.map((b) => b.id).filter((id) => ids.includes(id));
}

function addBlock(setup: DaySetup): void {
  let n = setup.blocks.length + 1;
  while (setup.blocks.some((b) => b.id === `B${n}`)) n++;
  const last = setup.blocks.at(-1);
  const start = last ? addMinutes(last.end, 5) : '08:30';
  setup.blocks.push({ id: `B${n}`, name: `Block ${n}`, start, end: addMinutes(start, 45) });
}

function removeBlock(setup: DaySetup, i: number): void {
  const [gone] = setup.blocks.splice(i, 1);
  if (!gone) return;
  for (const place of [...setup.adults, ...setup.stations]) place.blocks = place.blocks.filter((b) => b !== gone.id);
  setup.constraints.adultLedPerDay = Math.min(setup.constraints.adultLedPerDay, setup.blocks.length);
}

function newStation(setup: DaySetup): SetupStation {
  let n = setup.stations.length + 1;
  while (setup.stations.some((s) => s.id === `station-${n}`)) n++;
  return { id: `station-${n}`, name: `Station ${n}`, kind: 'independent', capacity: 10, supervisor: null, blocks: setup.blocks.map((b) => b.id) };
}

function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = Math.min(23 * 60 + 59, (h ?? 0) * 60 + (m ?? 0) + minutes);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
