import { Text } from '@mantine/core';

/** A description list of label/value pairs; missing values read "Not recorded". */
export function Facts({ facts }: { facts: [label: string, value: string | null | undefined][] }) {
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <div key={label} className="fact">
          <Text component="dt" size="sm" fw={600}>
            {label}
          </Text>
          <Text component="dd" size="sm">
            {value ? value : <span className="muted">Not recorded</span>}
          </Text>
        </div>
      ))}
    </dl>
  );
}
