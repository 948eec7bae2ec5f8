import { Alert, Button, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { JOB_CHOICES } from '../../../core/improvement/playbooks.ts';
import { JOBS } from '../../../core/improvement/types.ts';
import { api, ApiError } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useMe } from '../../session/SessionProvider.tsx';
import type { Job, ProjectDetail } from './types.ts';

interface ScopeChoice {
  value: string;
  label: string;
}

/** The scopes the caller may start a project for: their teams, their schools (leaders), the district (admin). */
function scopeChoices(me: ReturnType<typeof useMe>): ScopeChoice[] {
  const choices: ScopeChoice[] = [];
  if (me.role === 'district_admin') choices.push({ value: 'district:', label: `The district (${me.district.name})` });
  if (me.role === 'district_admin' || me.role === 'school_leader') {
    for (const school of me.scope.schools) choices.push({ value: `school:${school.sourcedId}`, label: `School: ${school.name}` });
  }
  for (const team of me.scope.teams) choices.push({ value: `team:${team.sourcedId}`, label: `Team: ${team.name}` });
  return choices;
}

/** The guided start: what are you trying to do, a title, and whose project it is. */
export function StartProjectPage() {
  const me = useMe();
  const navigate = useNavigate();
  const choices = scopeChoices(me);
  const [job, setJob] = useState<Job | ''>('');
  const [title, setTitle] = useState('');
  const [scope, setScope] = useState(choices[0]?.value ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!job) return setError('Choose what you are trying to do.');
    if (!title.trim()) return setError('Give the project a short title.');
    const [kind, id] = scope.split(':') as ['team' | 'school' | 'district', string];
    setBusy(true);
    setError(null);
    try {
      const project = await api<ProjectDetail>('/api/improvement/projects', {
        method: 'POST',
        body: { title: title.trim(), job, scope: { kind, id: kind === 'district' ? null : id } },
      });
      navigate(`/improvement/${project.id}`);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : 'Could not start the project.');
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title="Start an improvement project" />
      <form onSubmit={submit} noValidate>
        <Stack maw={720} gap="lg">
          <Radio.Group label="What are you trying to do?" value={job} onChange={(value) => setJob(value as Job)} required>
            <Stack gap="sm" mt="xs">
              {JOBS.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={JOB_CHOICES[value].choice}
                  description={`${JOB_CHOICES[value].name}: ${JOB_CHOICES[value].example}`}
                />
              ))}
            </Stack>
          </Radio.Group>
          <TextInput label="Project title" description="A few words, e.g. “Monday lateness”" value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} />
          {choices.length === 0 ? (
            <Alert color="yellow" role="alert">
              You are not on a team or school yet, so there is nowhere to start a project.
            </Alert>
          ) : (
            <NativeSelect label="Whose project is it?" data={choices} value={scope} onChange={(e) => setScope(e.currentTarget.value)} />
          )}
          <FormError error={error} />
          <Text size="sm">The project starts with the playbook for its job: a checklist that ticks itself as you work.</Text>
          <div>
            <Button type="submit" loading={busy} disabled={choices.length === 0}>
              Start the project
            </Button>
          </div>
        </Stack>
      </form>
    </>
  );
}
