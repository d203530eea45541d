/**
 * Logs of one or many pods across clusters, merged by the server: each line prefixed and
 * coloured by its cluster and pod/container; follow or pause; filter by text or regex (inverted
 * too); timestamps on or off; the server's dropped-lines notice; at most LOG_BUFFER_LINES kept.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { LogLine } from '../../core/types.generated';
import { clusterColour } from '../../shared/clusterColours';
import { EmptyState } from '../../shared/components/States';
import { StatusDot } from '../../shared/components/StatusDot';
import { LogTargetPicker } from './LogTargetPicker';
import { compileLogFilter, highlightParts } from './logFilter';
import {
  type LogTarget,
  sourceKey,
  sourceLabel,
  statusSourceLabel,
  targetScope,
} from './logSources';
import { createLogStream, LOG_BUFFER_LINES } from './logStream';

const LINE_HEIGHT = 20;
const DEFAULT_TAIL_LINES = 200;

export function LogsView() {
  const [targets, setTargets] = useState<LogTarget[]>([]);
  const [tailLines, setTailLines] = useState(DEFAULT_TAIL_LINES);
  const scopes = targets.map(targetScope);
  const scopeKey = scopes.join('\n');

  return (
    <section className="view logs-view" aria-label="Logs" data-view="logs">
      <header className="view__header">
        <h2>Logs</h2>
        <label className="inline-field">
          Tail lines
          <input
            type="number"
            min={0}
            max={10000}
            value={tailLines}
            onChange={(event) => setTailLines(Math.max(0, Number(event.target.value) || 0))}
          />
        </label>
      </header>
      <LogTargetPicker targets={targets} onChange={setTargets} />
      {targets.length === 0 ? (
        <EmptyState>
          Pick one or more pods (from any selected cluster) to follow their logs.
        </EmptyState>
      ) : (
        <LogViewer key={`${scopeKey}\n${tailLines}`} scopes={scopes} tailLines={tailLines} />
      )}
    </section>
  );
}

function LogViewer({ scopes, tailLines }: { scopes: string[]; tailLines: number }) {
  const [stream] = useState(() => createLogStream(scopes, { tailLines }));
  useEffect(() => {
    stream.start();
    return () => stream.stop();
  }, [stream]);
  const view = useSyncExternalStore(stream.subscribe, stream.getView);

  const [filterText, setFilterText] = useState('');
  const [regex, setRegex] = useState(false);
  const [invert, setInvert] = useState(false);
  const [timestamps, setTimestamps] = useState(true);
  const [follow, setFollow] = useState(true);
  const [paused, setPaused] = useState<{ revision: number; received: number } | null>(null);
  const [hiddenSources, setHiddenSources] = useState<ReadonlySet<string>>(new Set());
  const filter = useMemo(
    () => compileLogFilter({ text: filterText, regex, invert }),
    [filterText, regex, invert],
  );

  const shownRevision = paused ? paused.revision : view.revision;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the buffer changes in place; the revision says when
  const allLines = useMemo(() => stream.items.toArray(), [stream, shownRevision]);
  const sources = useMemo(() => {
    const seen = new Map<string, LogLine>();
    for (const line of allLines) if (!seen.has(sourceKey(line))) seen.set(sourceKey(line), line);
    return [...seen.entries()];
  }, [allLines]);
  const lines = useMemo(
    () =>
      filter.ok
        ? allLines.filter(
            (line) => !hiddenSources.has(sourceKey(line)) && filter.matches(line.line),
          )
        : allLines,
    [allLines, filter, hiddenSources],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });
  useEffect(() => {
    if (follow && !paused && lines.length > 0)
      virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [follow, paused, lines.length, virtualizer]);

  const toggleSource = (key: string) =>
    setHiddenSources((previous) => {
      const next = new Set(previous);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const statuses = [...view.statuses.values()];
  const pattern = filter.ok ? filter.pattern : null;

  return (
    <div className="log-viewer">
      <div className="log-viewer__toolbar">
        <input
          type="search"
          aria-label="Filter lines"
          placeholder={regex ? 'Regular expression…' : 'Filter lines…'}
          value={filterText}
          aria-invalid={!filter.ok}
          onChange={(event) => setFilterText(event.target.value)}
        />
        <label className="inline-field">
          <input
            type="checkbox"
            checked={regex}
            onChange={(event) => setRegex(event.target.checked)}
          />
          Regex
        </label>
        <label className="inline-field">
          <input
            type="checkbox"
            checked={invert}
            onChange={(event) => setInvert(event.target.checked)}
          />
          Invert
        </label>
        <label className="inline-field">
          <input
            type="checkbox"
            checked={timestamps}
            onChange={(event) => setTimestamps(event.target.checked)}
          />
          Timestamps
        </label>
        <label className="inline-field">
          <input
            type="checkbox"
            checked={follow}
            onChange={(event) => setFollow(event.target.checked)}
          />
          Follow
        </label>
        <button
          type="button"
          onClick={() =>
            setPaused(paused ? null : { revision: view.revision, received: view.received })
          }
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <span className="log-viewer__count" data-testid="log-line-count">
          {lines.length} of {allLines.length} lines
        </span>
        {paused && (
          <span className="log-viewer__paused">
            {view.received - paused.received} new lines while paused
          </span>
        )}
      </div>
      {!filter.ok && (
        <p className="banner" role="alert">
          Not a valid regular expression: {filter.error}
        </p>
      )}
      {view.dropped > 0 && (
        <p className="banner" role="status" data-testid="log-dropped">
          {view.dropped} lines were dropped by the server ({view.droppedReason ?? 'reader too slow'}
          ).
        </p>
      )}
      {view.received > LOG_BUFFER_LINES && (
        <p className="muted">Only the newest {LOG_BUFFER_LINES} lines are kept.</p>
      )}
      <div className="log-viewer__sources">
        {sources.map(([key, line]) => (
          <button
            key={key}
            type="button"
            className="log-source"
            aria-pressed={!hiddenSources.has(key)}
            style={{ borderColor: clusterColour(line.clusterId) }}
            onClick={() => toggleSource(key)}
          >
            {sourceLabel(line)}
          </button>
        ))}
        {statuses.map((status) => (
          <span
            key={`${status.clusterId}|${status.source}`}
            className="log-status"
            title={status.message ?? undefined}
          >
            <StatusDot status={status.status} message={status.message} />
            {statusSourceLabel(status)}: {status.status}
          </span>
        ))}
        {view.state !== 'open' && <span className="log-status">stream {view.state}</span>}
      </div>
      <div
        ref={scrollRef}
        className="log-viewer__lines"
        role="log"
        aria-label="Log lines"
        aria-live="off"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index];
            if (!line) return null;
            return (
              <div
                key={item.key}
                className="log-line"
                data-cluster-id={line.clusterId}
                style={{ transform: `translateY(${item.start}px)`, height: LINE_HEIGHT }}
              >
                {timestamps && <span className="log-line__time">{line.timestamp}</span>}
                <span className="log-line__source" style={{ color: clusterColour(line.clusterId) }}>
                  {sourceLabel(line)}
                </span>
                <span className="log-line__text">
                  {highlightParts(line.line, pattern).map((part, index) =>
                    part.match ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: parts of one line never reorder
                      <mark key={index}>{part.text}</mark>
                    ) : (
                      part.text
                    ),
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
