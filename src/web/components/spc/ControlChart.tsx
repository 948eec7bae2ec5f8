import { Button, Group, Table, Title, type TitleOrder } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { describePoint, pointPositions, pointSignals, spcFigure, type ChartEvent } from '../../../charts/spc-figure.ts';
import { explainChart, formatValue } from '../../../core/spc/explain.ts';
import type { ChartPoint, ChartResult } from '../../../core/spc/types.ts';
import './spc.css';

export interface ControlChartProps {
  result: ChartResult;
  /** The chart's heading. */
  title: string;
  headingOrder?: TitleOrder;
  /** What is measured, e.g. "attendance", for the summary and the y axis. */
  measure?: string;
  /** What one x step is, e.g. "week", for the summary, the x axis and the table. */
  xLabel?: string;
  events?: ChartEvent[];
  width?: number;
  height?: number;
  /** A y scale shared with other charts (small multiples). */
  yDomain?: [number, number];
  fontSize?: number;
}

interface Target {
  point: ChartPoint;
  left: number;
  top: number;
}

/**
 * A run or control chart for people: a plain-language summary above the figure,
 * the figure itself (described by that summary for screen readers), each point
 * reachable by pointer and keyboard, the statistics behind the summary on
 * request, and the numbers as a table (always there for screen readers).
 */
export function ControlChart({ result, title, headingOrder = 2, measure, xLabel, events, width: widest = 760, height = 380, yDomain, fontSize = 12 }: ControlChartProps) {
  const ids = { heading: useId(), summary: useId(), table: useId() };
  // Drawn at the width available (up to `widest`), so the labels keep their size on a phone.
  const { ref: sectionRef, width: available } = useElementSize<HTMLElement>();
  const width = available > 0 ? Math.max(280, Math.min(widest, Math.floor(available))) : widest;
  const plotRef = useRef<HTMLDivElement>(null);
  const [targets, setTargets] = useState<Target[]>([]);
  const [active, setActive] = useState<number | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const [showTable, setShowTable] = useState(false);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const explanation = useMemo(() => explainChart(result, { measure, xLabel, events }), [result, measure, xLabel, events]);

  useLayoutEffect(() => {
    const container = plotRef.current;
    if (!container) return;
    const figure = spcFigure(result, { width, height, events, xLabel, yLabel: measure, yDomain, fontSize });
    // The container carries the image role and its description; the SVG's inner parts are decoration.
    figure.setAttribute('aria-hidden', 'true');
    figure.setAttribute('focusable', 'false');
    container.replaceChildren(figure);
    setTargets(pointPositions(figure, result).filter((target): target is Target => target !== null));
    setActive(null);
    setFocusIndex(0);
    return () => figure.remove();
  }, [result, width, height, events, xLabel, measure, yDomain, fontSize]);

  const moveFocus = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: targets.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const bounded = Math.max(0, Math.min(targets.length - 1, next));
    setFocusIndex(bounded);
    buttons.current[bounded]?.focus();
  };

  const activeTarget = active === null ? undefined : targets[active];
  const hasLimits = result.points.some((point) => point.lcl !== null || point.ucl !== null);
  const xHeading = xLabel ? xLabel.charAt(0).toUpperCase() + xLabel.slice(1) : result.xKind === 'date' ? 'Date' : 'Point';
  const centreHeading = result.chart === 'run' || result.chart === 'g' ? 'Median' : 'Centre line';

  return (
    <section className="spc-chart" aria-labelledby={ids.heading} ref={sectionRef}>
      <Title order={headingOrder} id={ids.heading} size={headingOrder <= 2 ? 'h3' : 'h4'}>
        {title}
      </Title>
      <p className="spc-summary" id={ids.summary}>
        {explanation.summary}
      </p>
      <div className="spc-plot">
        <div ref={plotRef} role="img" aria-label={`${title}. ${explanation.summary}`} className="spc-plot-figure" />
        <div className="spc-targets no-print" role="group" aria-label={`Points of ${title}: use the arrow keys to move between them`}>
          {targets.map((target, i) => (
            <button
              key={target.point.index}
              ref={(element) => {
                buttons.current[i] = element;
              }}
              type="button"
              className={`spc-target${active === i ? ' spc-target-active' : ''}`}
              style={{ left: `${(target.left / width) * 100}%`, top: `${(target.top / height) * 100}%` }}
              tabIndex={i === focusIndex ? 0 : -1}
              aria-label={describePoint(result, target.point, xLabel)}
              onFocus={() => {
                setActive(i);
                setFocusIndex(i);
              }}
              onBlur={() => setActive(null)}
              onMouseEnter={() => setActive(i)}
              onMouseLeave={() => setActive((current) => (current === i && document.activeElement !== buttons.current[i] ? null : current))}
              onKeyDown={(event) => moveFocus(event, i)}
            />
          ))}
        </div>
        {activeTarget && (
          <div
            className={`spc-tip${activeTarget.left > width * 0.6 ? ' spc-tip-left' : ''}`}
            style={{ left: `${(activeTarget.left / width) * 100}%`, top: `${(activeTarget.top / height) * 100}%` }}
            aria-hidden="true"
            data-testid="spc-tip"
          >
            {describePoint(result, activeTarget.point, xLabel)}
          </div>
        )}
      </div>
      <details className="spc-statistics">
        <summary>Show statistics</summary>
        <ul>
          {explanation.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      </details>
      <Group className="no-print" mt="xs">
        <Button variant="default" size="xs" aria-controls={ids.table} onClick={() => setShowTable((shown) => !shown)}>
          {showTable ? 'Hide table' : 'Show table'}
        </Button>
      </Group>
      {/* Shown, the table may scroll sideways in a narrow chart, so its box takes keyboard focus; hidden, it is only read. */}
      <div
        id={ids.table}
        className={showTable ? 'spc-table' : 'spc-table visually-hidden-table'}
        {...(showTable ? { tabIndex: 0, role: 'region', 'aria-label': `Table: data of ${title}` } : {})}
      >
        <Table striped captionSide="top" className="data-table">
          <Table.Caption>Data of {title}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{xHeading}</Table.Th>
              <Table.Th scope="col" ta="right">
                Value
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {centreHeading}
              </Table.Th>
              {hasLimits && (
                <>
                  <Table.Th scope="col" ta="right">
                    Lower limit
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Upper limit
                  </Table.Th>
                </>
              )}
              <Table.Th scope="col">Signal</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.points.map((point) => (
              <Table.Tr key={point.index}>
                <Table.Th scope="row" fw="normal">
                  {String(point.x)}
                </Table.Th>
                <Table.Td ta="right">{point.y === null ? 'missing' : formatValue(result, point.y)}</Table.Td>
                <Table.Td ta="right">{formatValue(result, point.cl)}</Table.Td>
                {hasLimits && (
                  <>
                    <Table.Td ta="right">{formatValue(result, point.lcl)}</Table.Td>
                    <Table.Td ta="right">{formatValue(result, point.ucl)}</Table.Td>
                  </>
                )}
                <Table.Td>{pointSignals(point).join(', ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </section>
  );
}
