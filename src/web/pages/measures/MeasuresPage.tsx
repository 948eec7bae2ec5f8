import { Alert, Input, NativeSelect, Radio, SimpleGrid, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useId, useMemo, useState, type DragEvent } from 'react';
import type { ChartEvent } from '../../../charts/spc-figure.ts';
import { SpcInputError } from '../../../core/spc/errors.ts';
import type { ChartType, InputLabels, RuleSet } from '../../../core/spc/types.ts';
import { csvHeaders, parseMeasureCsv, type MeasureRow } from '../../../ingest/measures/csv.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { Section } from '../../components/Section.tsx';
import { ControlChart } from '../../components/spc/ControlChart.tsx';
import { SmallMultiples } from '../../components/spc/SmallMultiples.tsx';
import { CHART_CHOICES, needsDenominator } from './chartTypes.ts';
import { EventsInput, type EventRow } from './EventsInput.tsx';
import { EMPTY_ROW, FieldError, measureCharts, typedRows, type ChartSettings, type Field, type GapChoice, type MeasureCharts, type TypedRow } from './measureInput.ts';
import { TypedTable } from './TypedTable.tsx';
import './measures.css';

type Source = 'csv' | 'table';

interface Columns {
  x: string;
  y: string;
  n: string;
  group: string;
}

interface CsvFile {
  name: string;
  text: string;
}

type Outcome = { kind: 'empty'; hint: string } | { kind: 'charts'; charts: MeasureCharts } | { kind: 'error'; field: Field; message: string };

const NONE = { value: '', label: '— none —' };

/** Guesses for a new file: x first, then the value, then a denominator if a chart needs one. */
function guessColumns(headers: string[], chart: ChartType): Columns {
  return { x: headers[0] ?? '', y: headers[1] ?? '', n: needsDenominator(chart) ? (headers[2] ?? '') : '', group: '' };
}

/**
 * Charts a measure from a CSV or typed values, in the browser: the engine runs
 * on every change, so the chart and its summary follow the inputs at once.
 */
export function MeasuresPage() {
  const ids = { file: useId(), fileError: useId(), tableError: useId() };
  const [source, setSource] = useState<Source>('csv');
  const [csv, setCsv] = useState<CsvFile | null>(null);
  const [columns, setColumns] = useState<Columns>({ x: '', y: '', n: '', group: '' });
  const [typed, setTyped] = useState<TypedRow[]>(() => Array.from({ length: 8 }, () => ({ ...EMPTY_ROW })));
  const [settings, setSettings] = useState<ChartSettings>({ chart: 'run', rules: 'anhoej', multiply: '', freeze: '', part: '', exclude: '' });
  const [measure, setMeasure] = useState('');
  const [gapChoice, setGapChoice] = useState<GapChoice>({ a: '', b: '', chart: 'run' });
  const [eventRows, setEventRows] = useState<EventRow[]>([]);
  const [dragging, setDragging] = useState(false);

  const headers = useMemo(() => {
    if (!csv) return { list: [] as string[], error: null as string | null };
    try {
      return { list: csvHeaders(csv.text, csv.name), error: null };
    } catch (error) {
      return { list: [], error: error instanceof Error ? error.message : String(error) };
    }
  }, [csv]);

  const events = useMemo<ChartEvent[]>(
    () => eventRows.filter((event) => event.x.trim() !== '' && event.label.trim() !== '').map((event) => ({ x: event.x.trim(), label: event.label.trim() })),
    [eventRows],
  );

  const outcome = useMemo((): Outcome => {
    let rows: MeasureRow[];
    let labels: InputLabels;
    try {
      if (source === 'csv') {
        if (!csv) return { kind: 'empty', hint: 'Choose a CSV file to see its chart.' };
        if (headers.error) return { kind: 'error', field: 'data', message: headers.error };
        if (!columns.x || !columns.y) return { kind: 'empty', hint: 'Choose the columns for the x axis and the value.' };
        rows = parseMeasureCsv(csv.text, { x: columns.x, y: columns.y, n: columns.n || undefined, group: columns.group || undefined }, csv.name);
        labels = { source: csv.name, x: columns.x, y: columns.y, n: columns.n || undefined };
      } else {
        rows = typedRows(typed);
        if (rows.length === 0) return { kind: 'empty', hint: 'Type or paste values in the table to see their chart.' };
        labels = { x: 'x', y: 'value', n: 'denominator' };
      }
      return { kind: 'charts', charts: measureCharts(rows, settings, labels, columns.group && source === 'csv' ? gapChoice : null) };
    } catch (error) {
      if (error instanceof FieldError) return { kind: 'error', field: error.field, message: error.message };
      if (error instanceof SpcInputError) return { kind: 'error', field: 'data', message: error.message };
      return { kind: 'error', field: 'data', message: `The data could not be charted: ${error instanceof Error ? error.message : String(error)}` };
    }
  }, [source, csv, headers, columns, typed, settings, gapChoice]);

  const errorFor = (field: Field) => (outcome.kind === 'error' && outcome.field === field ? outcome.message : undefined);
  const setSetting = <K extends keyof ChartSettings>(key: K, value: ChartSettings[K]) => setSettings((current) => ({ ...current, [key]: value }));

  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    setCsv({ name: file.name, text });
    let found: string[] = [];
    try {
      found = csvHeaders(text, file.name);
    } catch {
      // The header problem is shown next to the file input.
    }
    setColumns(guessColumns(found, settings.chart));
    setGapChoice({ a: '', b: '', chart: 'run' });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void loadFile(event.dataTransfer.files[0]);
  };

  const columnChoices = headers.list.map((header) => ({ value: header, label: header }));
  const xLabel = source === 'csv' && outcome.kind === 'charts' && outcome.charts.result.xKind === 'number' ? columns.x : undefined;
  const chartTitle = measure.trim() || (source === 'csv' && columns.y ? `${columns.y}${columns.n ? ` / ${columns.n}` : ''} by ${columns.x}` : 'Your measure');
  const groupNames = outcome.kind === 'charts' ? (outcome.charts.groups ?? []).map((chart) => chart.group) : [];
  const groupChoices = [{ value: '', label: '— choose a group —' }, ...groupNames.map((name) => ({ value: name, label: name }))];

  return (
    <div className="measures-page">
      <PageHeading title="Measures" />
      <Text mb="md" maw={720}>
        Chart a measure over time and see whether it has really changed. Run and control charts separate signals (something changed)
        from noise (the ups and downs chance alone makes). Nothing you enter here is saved or sent to the server.
      </Text>

      <div className="no-print">
        <Section title="Data">
          <Tabs value={source} onChange={(value) => setSource((value as Source | null) ?? 'csv')} keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="csv">Upload a CSV file</Tabs.Tab>
              <Tabs.Tab value="table">Type or paste values</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="csv">
              <Stack gap="md" maw={720}>
                <div
                  className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
                  onDragOver={(event) => {
                    event.preventDefault();
                    setDragging(true);
                  }}
                  onDragLeave={() => setDragging(false)}
                  onDrop={onDrop}
                >
                  <Input.Wrapper
                    label="CSV file"
                    labelProps={{ htmlFor: ids.file }}
                    description="A header row, then one row per point (or several per point for subgroups). You can also drop a file here."
                    error={errorFor('data')}
                    errorProps={{ id: ids.fileError }}
                  >
                    <input
                      id={ids.file}
                      type="file"
                      accept=".csv,text/csv"
                      className="file-input"
                      aria-invalid={errorFor('data') ? true : undefined}
                      aria-describedby={errorFor('data') ? ids.fileError : undefined}
                      onChange={(event) => void loadFile(event.currentTarget.files?.[0])}
                    />
                  </Input.Wrapper>
                  {csv && <Text size="sm" mt="xs">Loaded {csv.name}.</Text>}
                </div>
                {headers.list.length > 0 && (
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                    <NativeSelect label="x axis (time or order)" data={[NONE, ...columnChoices]} value={columns.x} onChange={(e) => setColumns({ ...columns, x: e.currentTarget.value })} />
                    <NativeSelect
                      label={needsDenominator(settings.chart) ? 'Value (numerator)' : 'Value'}
                      data={[NONE, ...columnChoices]}
                      value={columns.y}
                      onChange={(e) => setColumns({ ...columns, y: e.currentTarget.value })}
                    />
                    <NativeSelect
                      label="Denominator (optional)"
                      description="For P and U charts: e.g. students enrolled"
                      data={[NONE, ...columnChoices]}
                      value={columns.n}
                      onChange={(e) => setColumns({ ...columns, n: e.currentTarget.value })}
                    />
                    <NativeSelect
                      label="Group (optional)"
                      description="One chart per group, e.g. English learners"
                      data={[NONE, ...columnChoices]}
                      value={columns.group}
                      onChange={(e) => {
                        setColumns({ ...columns, group: e.currentTarget.value });
                        setGapChoice({ a: '', b: '', chart: gapChoice.chart });
                      }}
                    />
                  </SimpleGrid>
                )}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="table">
              <TypedTable rows={typed} onChange={setTyped} errorId={ids.tableError} error={errorFor('data')} />
            </Tabs.Panel>
          </Tabs>
        </Section>

        <Section title="Chart settings">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" maw={960}>
            <NativeSelect
              label="Chart type"
              data={CHART_CHOICES}
              value={settings.chart}
              onChange={(e) => setSetting('chart', e.currentTarget.value as ChartType)}
            />
            <TextInput label="Name of the measure (optional)" placeholder="e.g. Attendance, grade 6" value={measure} onChange={(e) => setMeasure(e.currentTarget.value)} />
            <TextInput
              label="Multiply by"
              description="Leave empty for 1. 100 shows shares as per cent; 1000 gives a rate per 1,000."
              inputMode="decimal"
              value={settings.multiply}
              error={errorFor('multiply')}
              onChange={(e) => setSetting('multiply', e.currentTarget.value)}
            />
            <Radio.Group label="Rules for runs" value={settings.rules} onChange={(value) => setSetting('rules', value as RuleSet)}>
              <Stack gap={6} mt={6}>
                <Radio value="anhoej" label="Anhøj: an unusually long run, or too few crossings of the centre line" />
                <Radio value="ihi" label="IHI: a shift, a trend or an astronomical point" />
              </Stack>
            </Radio.Group>
            <TextInput
              label="Freeze the limits after point"
              description="Centre line and limits from points 1 to this one (the baseline), extended forward."
              inputMode="numeric"
              value={settings.freeze}
              error={errorFor('freeze')}
              onChange={(e) => setSetting('freeze', e.currentTarget.value)}
            />
            <TextInput
              label="Start a new part after points"
              description="After a change you made: e.g. 15, or 15, 30. Each part gets its own centre line and limits."
              value={settings.part}
              error={errorFor('part')}
              onChange={(e) => setSetting('part', e.currentTarget.value)}
            />
            <TextInput
              label="Leave out points"
              description="Points with a known special cause, e.g. 7, 12. They stay on the chart, hollow."
              value={settings.exclude}
              error={errorFor('exclude')}
              onChange={(e) => setSetting('exclude', e.currentTarget.value)}
            />
          </SimpleGrid>
        </Section>

        <Section title="Events">
          <EventsInput events={eventRows} onChange={setEventRows} />
        </Section>
      </div>

      <Section title="Chart" actions={outcome.kind === 'charts' ? <PrintButton label="Print the chart" /> : undefined}>
        <div role="status" aria-live="polite" className="measure-status">
          {outcome.kind === 'empty' && <Text className="muted">{outcome.hint}</Text>}
          {outcome.kind === 'error' && (
            <Alert color="red" variant="light" title="The chart could not be drawn">
              {outcome.message}
            </Alert>
          )}
        </div>
        {outcome.kind === 'charts' && (
          <ControlChart result={outcome.charts.result} title={chartTitle} headingOrder={3} measure={measure.trim() || undefined} xLabel={xLabel} events={events} />
        )}
      </Section>

      {outcome.kind === 'charts' && outcome.charts.groups && (
        <Section title="By group">
          <SmallMultiples charts={outcome.charts.groups} measure={measure.trim() || undefined} xLabel={xLabel} events={events} />
          <div className="no-print">
            <Text fw={600} mt="md">
              Compare two groups
            </Text>
            <Text size="sm" mb="xs">
              The gap between two groups at each point, charted on its own: is it really closing?
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" maw={960}>
              <NativeSelect label="Group A" data={groupChoices} value={gapChoice.a} onChange={(e) => setGapChoice({ ...gapChoice, a: e.currentTarget.value })} error={outcome.charts.gapError ?? undefined} />
              <NativeSelect label="Group B" data={groupChoices} value={gapChoice.b} onChange={(e) => setGapChoice({ ...gapChoice, b: e.currentTarget.value })} />
              <NativeSelect
                label="Gap chart"
                data={[
                  { value: 'run', label: 'Run chart (median)' },
                  { value: 'i', label: 'I chart (average and limits)' },
                ]}
                value={gapChoice.chart}
                onChange={(e) => setGapChoice({ ...gapChoice, chart: e.currentTarget.value as 'run' | 'i' })}
              />
            </SimpleGrid>
          </div>
          {outcome.charts.gap && (
            <ControlChart
              result={outcome.charts.gap}
              title={`Gap: ${gapChoice.a} minus ${gapChoice.b} (${outcome.charts.gapUnits})`}
              headingOrder={3}
              measure={`the gap in ${outcome.charts.gapUnits}`}
              xLabel={xLabel}
              events={events}
            />
          )}
        </Section>
      )}
    </div>
  );
}
