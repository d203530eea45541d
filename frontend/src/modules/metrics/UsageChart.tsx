/**
 * A small live chart of a pod's (per container) or node's CPU and memory over the last minutes,
 * drawn with uPlot from the samples the backend keeps for the object.
 */
import { useEffect, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ObjectMetricsItem, ObjectRef } from '../../core/types.generated';
import { formatBytes, formatCpu } from '../../shared/components/tables/columns';
import './usageChart.css';
import { useObjectMetrics } from './useObjectMetrics';

const COLOURS = ['#2f6fdf', '#d9822b', '#2a9d5b', '#b54bc9', '#c9403a', '#6b7a8f'];
const WIDTH = 300;
/** The chart's time window: the backend keeps 40 samples 15 s apart. */
const WINDOW_S = 10 * 60;
/** Room after the newest sample so its point is not cut at the edge. */
const EDGE_S = 10;
const HEIGHT = 110;
const AXIS = { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.15)' } };

export function hasUsageChart(ref: ObjectRef): boolean {
  return ref.group === '' && (ref.kind === 'Pod' || ref.kind === 'Node');
}

function clockTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

interface Series {
  label: string;
  values: (number | null)[];
}

/** One line per container for a pod (the total when it has one container), one for a node. */
function seriesOf(item: ObjectMetricsItem, pick: 'cpuMillicores' | 'memoryBytes'): Series[] {
  const names = [...new Set(item.samples.flatMap((s) => s.containers.map((c) => c.name)))];
  if (names.length <= 1) return [{ label: 'total', values: item.samples.map((s) => s[pick]) }];
  return names.map((name) => ({
    label: name,
    values: item.samples.map((s) => s.containers.find((c) => c.name === name)?.[pick] ?? null),
  }));
}

function Chart({
  title,
  times,
  series,
  format,
}: {
  title: string;
  times: number[];
  series: Series[];
  format: (value: number | null) => string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const newest = times[times.length - 1] ?? 0;
    const options: uPlot.Options = {
      width: WIDTH,
      height: HEIGHT,
      legend: { show: true },
      cursor: { y: false },
      scales: {
        // A fixed window ending at the newest sample: one sample still reads as "now". Set
        // from the samples, not from the range uPlot finds: with one sample it has none.
        x: { time: true, auto: false, range: () => [newest - WINDOW_S, newest + EDGE_S] },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] },
      },
      axes: [
        { ...AXIS, values: (_u, ticks) => ticks.map(clockTime) },
        { ...AXIS, size: 60, values: (_u, ticks) => ticks.map((t) => format(t)) },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: COLOURS[i % COLOURS.length],
          width: 1.5,
          points: { show: true, size: 5, fill: COLOURS[i % COLOURS.length] },
          value: (_u: uPlot, v: number | null) => format(v),
        })),
      ],
    };
    // Loaded on first use: uPlot reads the window's media queries when its module loads.
    let plot: uPlot | undefined;
    let cancelled = false;
    const target = host.current;
    import('uplot').then(({ default: UPlot }) => {
      if (!cancelled) plot = new UPlot(options, [times, ...series.map((s) => s.values)], target);
    });
    return () => {
      cancelled = true;
      plot?.destroy();
    };
  }, [times, series, format]);
  return (
    <figure className="usage-chart__figure">
      <figcaption>{title}</figcaption>
      <div ref={host} />
    </figure>
  );
}

export function UsageChart({ objectRef }: { objectRef: ObjectRef }) {
  const item = useObjectMetrics(objectRef);
  const times = useMemo(
    () => (item ? item.samples.map((s) => Date.parse(s.at) / 1000) : []),
    [item],
  );
  const cpu = useMemo(() => (item ? seriesOf(item, 'cpuMillicores') : []), [item]);
  const memory = useMemo(() => (item ? seriesOf(item, 'memoryBytes') : []), [item]);
  if (!item) return null;
  if (item.metrics !== 'available') {
    return (
      <p className="usage-chart usage-chart--none muted" data-testid="usage-chart">
        {item.metrics === 'forbidden'
          ? 'Usage: you may not read metrics on this cluster.'
          : 'Usage: this cluster has no metrics-server.'}
      </p>
    );
  }
  return (
    <section className="usage-chart" data-testid="usage-chart" aria-label="Usage">
      {times.length === 0 ? (
        <p className="muted">Usage: waiting for the first samples…</p>
      ) : (
        <>
          <Chart title="CPU" times={times} series={cpu} format={formatCpu} />
          <Chart title="Memory" times={times} series={memory} format={formatBytes} />
        </>
      )}
    </section>
  );
}
