import { Alert, Badge, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Textarea, VisuallyHidden } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../components/FormError.tsx';
import { Section } from '../../components/Section.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { EditOnly, useCanEdit } from './editing.tsx';
import type { ProjectTabProps } from './projectTabs.tsx';
import type { Aim, PlaybookStep } from './types.ts';
import { save } from './useReloadable.ts';

const STEP_BADGE: Record<PlaybookStep['status'], { color: string; label: string }> = {
  done: { color: 'green', label: 'Done' },
  todo: { color: 'gray', label: 'To do' },
  attention: { color: 'orange', label: 'Needs attention' },
};

function AimEditor({ project, reloadProject }: ProjectTabProps) {
  const [aim, setAim] = useState<Aim>(project.aim);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // Follow the saved aim without remounting, so "Aim saved." stays on screen and is announced.
  const savedAim = JSON.stringify(project.aim);
  useEffect(() => setAim(JSON.parse(savedAim) as Aim), [savedAim]);
  const field = (key: keyof Aim) => ({
    value: aim[key] ?? '',
    onChange: (e: { currentTarget: { value: string } }) => {
      setSaved(false);
      setAim({ ...aim, [key]: key === 'byWhen' ? e.currentTarget.value || null : e.currentTarget.value });
    },
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await save(`/api/improvement/projects/${project.id}`, 'PATCH', { aim });
    setError(problem);
    setSaved(problem === null);
    if (problem === null) reloadProject();
  };
  return (
    <Section title="Aim">
      <p className="improvement-aim" data-testid="aim-sentence">
        {project.aimSentence}
      </p>
      {project.aimCheck.complete ? (
        <Text mb="sm">
          The aim is complete: what, for whom, how much and by when.
        </Text>
      ) : (
        <Alert color="yellow" variant="light" mb="sm" title="To make the aim complete">
          <ul className="plain-list">
            {project.aimCheck.problems.map((p) => (
              <li key={p.part}>{p.hint}</li>
            ))}
          </ul>
        </Alert>
      )}
      <EditOnly>
        <form onSubmit={submit} aria-label="Edit the aim">
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={800}>
            <TextInput label="What will improve" placeholder="on-time arrival" {...field('what')} />
            <TextInput label="For whom" placeholder="grade 6 students" {...field('forWhom')} />
            <TextInput label="How much" placeholder="from 82% to 90%" {...field('howMuch')} />
            <TextInput label="By when" type="date" {...field('byWhen')} />
          </SimpleGrid>
          <Group mt="sm">
            <Button type="submit">Save aim</Button>
            <div role="status">{saved && <Text size="sm">Aim saved.</Text>}</div>
          </Group>
          <FormError error={error} mt="sm" />
        </form>
      </EditOnly>
    </Section>
  );
}

function Playbook({ project }: ProjectTabProps) {
  const { playbook, capacity } = project;
  return (
    <Section title={`Playbook: ${playbook.name}`}>
      <Text mb="sm">{playbook.choice}. The steps tick themselves from the project’s data.</Text>
      <ol className="improvement-steps" aria-label="Playbook steps">
        {playbook.steps.map((step) => (
          <li key={step.id}>
            <Badge color={STEP_BADGE[step.status].color} variant="light" miw={120}>
              {STEP_BADGE[step.status].label}
            </Badge>
            <div>
              <Text fw={600}>{step.title}</Text>
              <Text size="sm">{step.why}</Text>
              <Text size="sm" c="dimmed">
                {step.note}
              </Text>
            </div>
          </li>
        ))}
      </ol>
      <Text size="sm" mt="sm">
        Improvement capacity: {capacity.people} people, {capacity.departments} departments, {capacity.active} cycles under way, {capacity.studied} studied,{' '}
        {capacity.overdue} overdue.
        {project.job === 'reorient' && (
          <>
            {' '}
            <Link to="/improvement/capacity">See the capacity of every project you can see</Link>.
          </>
        )}
      </Text>
    </Section>
  );
}

interface StaffItem {
  sourcedId: string;
  givenName: string;
  familyName: string;
}

type ProjectMember = ProjectTabProps['project']['members'][number];

/** A member's row as a reader sees it: role and department as text. */
function MemberFacts({ member }: { member: ProjectMember }) {
  return (
    <Table.Tr>
      <Table.Th scope="row">{member.name}</Table.Th>
      <Table.Td>{member.role}</Table.Td>
      <Table.Td>{member.department ?? ''}</Table.Td>
    </Table.Tr>
  );
}

/** One member's row: role and department change in place, and the member can be removed. */
function MemberRow({ projectId, member, onSaved, onError }: { projectId: string; member: ProjectMember; onSaved: () => void; onError: (message: string | null) => void }) {
  const [department, setDepartment] = useState(member.department ?? '');
  const url = `/api/improvement/projects/${projectId}/members/${member.id}`;
  const run = async (method: 'PATCH' | 'DELETE', body?: unknown) => {
    const problem = await save(url, method, body);
    onError(problem);
    if (problem === null) onSaved();
  };
  return (
    <Table.Tr>
      <Table.Th scope="row">{member.name}</Table.Th>
      <Table.Td>
        <NativeSelect aria-label={`Role of ${member.name}`} value={member.role} onChange={(e) => run('PATCH', { role: e.currentTarget.value })} data={['member', 'lead', 'sponsor', 'coach', 'data']} />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={`Department of ${member.name}`}
          value={department}
          onChange={(e) => setDepartment(e.currentTarget.value)}
          onBlur={() => department.trim() !== (member.department ?? '') && run('PATCH', { department: department.trim() || null })}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      </Table.Td>
      <Table.Td>
        <Button variant="subtle" color="red" size="xs" onClick={() => run('DELETE')} aria-label={`Remove ${member.name} from the project`}>
          Remove
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** The project's status: active, paused, completed or closed. */
function StatusPicker({ project, reloadProject }: ProjectTabProps) {
  const [error, setError] = useState<string | null>(null);
  if (!useCanEdit()) return <Text mb="md">{`Status: ${project.status}`}</Text>;
  return (
    <Group align="end" mb="md">
      <NativeSelect
        label="Project status"
        value={project.status}
        onChange={async (e) => {
          const problem = await save(`/api/improvement/projects/${project.id}`, 'PATCH', { status: e.currentTarget.value });
          setError(problem);
          if (problem === null) reloadProject();
        }}
        data={['active', 'paused', 'completed', 'closed']}
      />
      <FormError error={error} />
    </Group>
  );
}

function Members({ project, reloadProject }: ProjectTabProps) {
  const canEdit = useCanEdit();
  // Readers add nobody, so they need no list of staff to choose from.
  const staff = useApi<{ items: StaffItem[] }>(canEdit ? '/api/staff?limit=500' : null);
  const [person, setPerson] = useState('');
  const [role, setRole] = useState('member');
  const [department, setDepartment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const memberIds = new Set(project.members.map((m) => m.userSourcedId));
  const options = (staff.data?.items ?? []).filter((s) => !memberIds.has(s.sourcedId));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!person) return setError('Choose a person to add.');
    const problem = await save(`/api/improvement/projects/${project.id}/members`, 'POST', { userSourcedId: person, role, department: department.trim() || null });
    setError(problem);
    if (problem === null) {
      setPerson('');
      setDepartment('');
      reloadProject();
    }
  };
  return (
    <Section title="Members">
      <Table mb="md">
        <caption>{`People on ${project.title}`}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Department</Table.Th>
            {canEdit && (
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {project.members.map((member) =>
            canEdit ? (
              <MemberRow key={`${member.id}-${member.role}-${member.department ?? ''}`} projectId={project.id} member={member} onSaved={reloadProject} onError={setError} />
            ) : (
              <MemberFacts key={member.id} member={member} />
            ),
          )}
        </Table.Tbody>
      </Table>
      <EditOnly>
        <form onSubmit={submit} aria-label="Add a member">
          <Group align="end">
            <NativeSelect
              label="Person"
              value={person}
              onChange={(e) => setPerson(e.currentTarget.value)}
              data={[{ value: '', label: staff.loading ? 'Loading…' : '— choose —' }, ...options.map((s) => ({ value: s.sourcedId, label: `${s.familyName}, ${s.givenName}` }))]}
            />
            <NativeSelect label="Role in the project" value={role} onChange={(e) => setRole(e.currentTarget.value)} data={['member', 'lead', 'sponsor', 'coach', 'data']} />
            <TextInput label="Department" value={department} onChange={(e) => setDepartment(e.currentTarget.value)} />
            <Button type="submit" variant="default">
              Add member
            </Button>
          </Group>
          <FormError error={error} mt="sm" />
        </form>
      </EditOnly>
    </Section>
  );
}

function ChangeIdeas({ project, reloadProject }: ProjectTabProps) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError('Give the change idea a title.');
    const problem = await save(`/api/improvement/projects/${project.id}/change-ideas`, 'POST', { title, description });
    setError(problem);
    if (problem === null) {
      setTitle('');
      setDescription('');
      reloadProject();
    }
  };
  return (
    <Section title="Change ideas">
      {project.changeIdeas.length === 0 ? (
        <p>No change ideas yet.</p>
      ) : (
        <ul>
          {project.changeIdeas.map((idea) => (
            <li key={idea.id}>
              <strong>{idea.title}</strong>
              {idea.description && ` — ${idea.description}`}
            </li>
          ))}
        </ul>
      )}
      <EditOnly>
        <form onSubmit={submit} aria-label="Add a change idea">
          <Stack maw={600} gap="xs">
            <TextInput label="Change idea" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
            <Textarea label="Description (optional)" value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} />
            <div>
              <Button type="submit" variant="default">
                Add change idea
              </Button>
            </div>
            <FormError error={error} />
          </Stack>
        </form>
      </EditOnly>
    </Section>
  );
}

/** The aim (editable by members, with what is missing), the playbook checklist, members and change ideas. */
export function OverviewPanel(props: ProjectTabProps) {
  return (
    <>
      <AimEditor key={props.project.id} {...props} />
      <Playbook {...props} />
      <StatusPicker {...props} />
      <Members {...props} />
      <ChangeIdeas {...props} />
    </>
  );
}
