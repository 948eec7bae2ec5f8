import { Button, Group, Stack, Text, TextInput } from '@mantine/core';

export interface EventRow {
  x: string;
  label: string;
}

/** Changes tested or made (PDSA cycles, a new schedule): drawn on the chart and named in the summary when a signal follows. */
export function EventsInput({ events, onChange }: { events: EventRow[]; onChange: (events: EventRow[]) => void }) {
  const update = (index: number, patch: Partial<EventRow>) => onChange(events.map((event, i) => (i === index ? { ...event, ...patch } : event)));
  return (
    <Stack gap="xs">
      <Text size="sm">Mark when something changed, such as a PDSA cycle, at its x value (e.g. the week number or date).</Text>
      {events.map((event, i) => (
        <Group key={i} align="end" gap="xs" wrap="wrap">
          <TextInput label={`Event ${i + 1} at x`} w={140} value={event.x} onChange={(e) => update(i, { x: e.currentTarget.value })} />
          <TextInput
            label={`Event ${i + 1}: what changed`}
            w={320}
            value={event.label}
            onChange={(e) => update(i, { label: e.currentTarget.value })}
          />
          <Button variant="default" size="sm" onClick={() => onChange(events.filter((_, j) => j !== i))} aria-label={`Remove event ${i + 1}`}>
            Remove
          </Button>
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => onChange([...events, { x: '', label: '' }])}>
          Add an event
        </Button>
      </Group>
    </Stack>
  );
}
