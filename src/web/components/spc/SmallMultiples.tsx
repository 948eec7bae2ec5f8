import { useMemo } from 'react';
import { sharedYDomain, type ChartEvent } from '../../../charts/spc-figure.ts';
import type { GroupChart } from '../../../core/spc/groups.ts';
import { ControlChart } from './ControlChart.tsx';
import './spc.css';

export interface SmallMultiplesProps {
  /** One chart per group, from analyseByGroup. */
  charts: GroupChart[];
  measure?: string;
  xLabel?: string;
  events?: ChartEvent[];
}

/** The same measure for each group, side by side on one y scale so the groups compare at a glance. */
export function SmallMultiples({ charts, measure, xLabel, events }: SmallMultiplesProps) {
  const yDomain = useMemo(() => sharedYDomain(charts.map((chart) => chart.result)), [charts]);
  return (
    <div className="spc-multiples">
      {charts.map(({ group, result }) => (
        <ControlChart
          key={group}
          result={result}
          title={group}
          headingOrder={3}
          measure={measure}
          xLabel={xLabel}
          events={events}
          yDomain={yDomain}
          width={440}
          height={280}
          fontSize={11}
        />
      ))}
    </div>
  );
}
