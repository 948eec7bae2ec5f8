import { Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/FormError.tsx';
import { LoadState } from '../../components/LoadState.tsx';
import { Section } from '../../components/Section.tsx';
import { CHART_CHOICES } from '../measures/chartTypes.ts';
import { useCanEdit } from './editing.tsx';
import { defaultLiveChoice, LiveMeasureFields, liveDefinitionOf } from './LiveMeasureFields.tsx';
import { MeasureChartView } from './MeasureChartView.tsx';
import type { ProjectTabProps } from './projectTabs.tsx';
import type { Measure } from './types.ts';
import { save, useReloadable } from './useReloadable.ts';

/** Lines "2025-09-01, 82, 100" into values; the first bad line is reported by number. */
export function parseTypedValues(text: string): { values: { x: string; y: number | null; n: number | null }[] } | { error: string } {
  const values: { x: string; y: number | null; n: number | null }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const [x = '', y = '', n = ''] = line.split(/[,;\t]/).map((cell) => cell.trim());
    const number = (cell: string, what: string) => {
      if (cell === '' || cell.toLowerCase() === 'na') return null;
      const value = Number(cell);
      if (!Number.isFinite(value)) throw new Error(`Line ${i + 1}: ${what} "${cell}" is not a number.`);
      return value;
    };
    try {
      values.push({ x, y: number(y, 'value'), n: number(n, 'denominator') });
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
  return { values };
}

/** Values as the typing box shows them, one line each, so saved values can be added to rather than typed again. */
export function formatTypedValues(values: readonly { x: string; y: number | null; n: number | null }[]): string {
  return values.map((v) => [v.x, v.y ?? 'NA', ...(v.n === null ? [] : [v.n])].join(', ')).join('\n');
}

function NewMeasureForm({ projectId, team, onSaved }: { projectId: string; team: string; onSaved: () => void }) {
  const [name, setName] = useState('');
  const [source, setSource] = useState<'manual' | 'live'>('manual');
  const [live, setLive] = useState(() => defaultLiveChoice(team));
  const [kind, setKind] = useState('outcome');
  const [area, setArea] = useState('');
  const [definition, setDefinition] = useState('');
  const [chart, setChart] = useState('run');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('Give the measure a name.');
    const problem = await save(`/api/improvement/projects/${projectId}/measures`, 'POST', {
      name,
      kind,
      area: area || null,
      operationalDefinition: definition,
      chartOptions: { chart },
      ...(source === 'live' ? { source, liveDefinition: liveDefinitionOf(live) } : {}),
    });
    setError(problem);
    if (problem === null) {
      setName('');
      setDefinition('');
      onSaved();
    }
  };
  return (
    <form onSubmit={submit} aria-label="Add a measure">
      <Stack maw={720} gap="xs">
        <Group align="end">
          <TextInput label="Measure name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <NativeSelect label="Kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)} data={['outcome', 'process', 'balancing']} />
          <NativeSelect
            label="Area"
            value={area}
            onChange={(e) => setArea(e.currentTarget.value)}
            data={[{ value: '', label: '— none —' }, 'attendance', 'achievement', 'facilities', 'transportation', 'other']}
          />
          <NativeSelect label="Chart type" value={chart} onChange={(e) => setChart(e.currentTarget.value)} data={CHART_CHOICES.map((c) => ({ value: c.value, label: c.label }))} />
          <NativeSelect
            label="Values"
            value={source}
            onChange={(e) => setSource(e.currentTarget.value as 'manual' | 'live')}
            data={[
              { value: 'manual', label: 'Typed or uploaded' },
              { value: 'live', label: 'Live from Trellis data' },
            ]}
          />
        </Group>
        {source === 'live' && <LiveMeasureFields value={live} onChange={setLive} />}
        <Textarea label="Operational definition" description="Exactly how it is counted, so everyone counts the same way" value={definition} onChange={(e) => setDefinition(e.currentTarget.value)} autosize minRows={2} />
        <div>
          <Button type="submit">Add measure</Button>
        </div>
        <FormError error={error} />
      </Stack>
    </form>
  );
}

function ValuesForm({ projectId, measure, onSaved }: { projectId: string; measure: Measure; onSaved: () => void }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const url = `/api/improvement/projects/${projectId}/measures/${measure.id}/values`;
  // Saving replaces every value, so the box starts with the values saved so far: new weeks are added below them.
  const saved = useReloadable<{ values: { x: string; y: number | null; n: number | null }[] }>(`/api/improvement/projects/${projectId}/measures/${measure.id}`);
  const shown = text ?? (saved.data ? formatTypedValues(saved.data.values) : '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseTypedValues(shown);
    if ('error' in parsed) return setError(parsed.error);
    const problem = await save(url, 'PUT', parsed);
    setError(problem);
    setStatus(problem === null ? `${parsed.values.length} values saved.` : '');
    if (problem === null) onSaved();
  };
  const upload = async (file: File | null) => {
    if (!file) return;
    const text = await file.text();
    const header = text.split(/\r?\n/)[0]?.split(',').map((h) => h.trim()) ?? [];
    const problem = await save(`${url}/csv`, 'POST', { text, fileName: file.name, columns: { x: header[0] ?? '', y: header[1] ?? '', n: header[2] ?? '' } });
    setError(problem);
    setStatus(problem === null ? `Values replaced from ${file.name}.` : '');
    if (problem === null) {
      setText(null);
      saved.reload();
      onSaved();
    }
  };
  return (
    <form onSubmit={submit} aria-label={`Enter the values of ${measure.name}`}>
      <Stack maw={600} gap="xs">
        <Textarea
          label={`Values of ${measure.name}`}
          description="One line per point: date (YYYY-MM-DD), value, and a denominator if the chart needs one. The values saved so far are listed: add new lines below them, then save."
          value={shown}
          disabled={text === null && saved.loading}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={4}
          placeholder={'2025-09-01, 82, 100\n2025-09-08, 85, 100'}
        />
        <Group>
          <Button type="submit" variant="default">
            Save values
          </Button>
          <label className="mantine-focus-auto">
            <Text size="sm" component="span">
              Or upload a CSV file (columns: date, value, denominator):{' '}
            </Text>
            <input type="file" accept=".csv,text/csv" onChange={(e) => void upload(e.currentTarget.files?.[0] ?? null)} />
          </label>
        </Group>
        <div role="status">{status && <Text size="sm">{status}</Text>}</div>
        <FormError error={error} />
      </Stack>
    </form>
  );
}

/** The project's measures: each with its definition, its values and its chart with the cycles as events; members also enter values and add measures. */
export function MeasuresPanel({ project, reloadProject }: ProjectTabProps) {
  const canEdit = useCanEdit();
  const { data, loading, error, reload } = useReloadable<{ items: (Measure & { updatedAt: string })[] }>(`/api/improvement/projects/${project.id}/measures`);
  const saved = () => {
    reload();
    reloadProject();
  };
  return (
    <>
      <LoadState loading={loading && !data} error={error} what="measures" />
      {data?.items.map((measure) => (
        <Section key={measure.id} title={`${measure.name} (${measure.kind})`}>
          {measure.operationalDefinition && <Text mb="sm">Definition: {measure.operationalDefinition}</Text>}
          <MeasureChartView projectId={project.id} measureId={measure.id} version={`${measure.updatedAt}-${project.updatedAt}`} />
          {measure.source === 'live' && measure.liveDefinition ? (
            <Text size="sm" mt="xs">
              {measure.liveDescription}{' '}
              {measure.liveComputedAt && `Last recomputed ${new Date(measure.liveComputedAt).toLocaleString()}.`}
            </Text>
          ) : canEdit ? (
            <ValuesForm projectId={project.id} measure={measure} onSaved={saved} />
          ) : null}
        </Section>
      ))}
      {data && data.items.length === 0 && <p>{canEdit ? 'No measures yet: add the outcome you want to improve first.' : 'No measures yet.'}</p>}
      {canEdit && (
        <Section title="Add a measure">
          <NewMeasureForm projectId={project.id} team={project.scope.kind === 'team' ? (project.scope.id ?? '') : ''} onSaved={saved} />
        </Section>
      )}
    </>
  );
}
