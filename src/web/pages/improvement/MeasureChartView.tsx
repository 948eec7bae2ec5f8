import { Alert } from '@mantine/core';
import { LoadState } from '../../components/LoadState.tsx';
import { ControlChart } from '../../components/spc/ControlChart.tsx';
import type { MeasureChartData } from './types.ts';
import { useReloadable } from './useReloadable.ts';

/** A measure's run or control chart from the server, with the project's cycles drawn as events. */
export function MeasureChartView({ projectId, measureId, version, headingOrder = 3 }: { projectId: string; measureId: string; version: string; headingOrder?: 2 | 3 | 4 }) {
  const { data, loading, error } = useReloadable<MeasureChartData>(
    `/api/improvement/projects/${projectId}/measures/${measureId}/chart?v=${encodeURIComponent(version)}`,
  );
  if (!data) return <LoadState loading={loading} error={error} what="the chart" />;
  if (!data.result) {
    return (
      <Alert color="gray" variant="light" title={`No chart for ${data.measure.name} yet`}>
        {data.problem}
      </Alert>
    );
  }
  return <ControlChart result={data.result} title={`${data.measure.name} over time`} headingOrder={headingOrder} measure={data.measure.name} events={data.events} />;
}
