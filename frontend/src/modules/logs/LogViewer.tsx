/**
 * One log session on screen: reading controls, server-side filters, source chips, notices, and
 * the virtualized lines (short source chip per line, full source in its tooltip; ANSI colours,
 * severity, JSON on demand, copy). Everything it is set to lives in the session, so it comes back
 * as it was after a view change.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { LogLine } from '../../core/types.generated';
import { clusterColour } from '../../shared/clusterColours';
import { StatusDot } from '../../shared/components/StatusDot';
import { toggled } from '../../shared/toggled';
import { type LogEntry, markerText } from './logBuffer';
import { compileLogFilter, highlightParts } from './logFilter';
import type { LogReading, LogSession, TimestampMode } from './logSession';
import {
  clusterAlias,
  fullSourceLabel,
  shortSourceLabel,
  sourceKey,
  statusSourceLabel,
} from './logSources';
import {
  ansiParts,
  formatTimestamp,
  linesAsJsonLines,
  linesAsText,
  prettyJson,
  severityOf,
  stripAnsi,
} from './logText';
import './logs.css';

const LINE_HEIGHT = 20;
/** How close to the bottom (px) still counts as "at the newest line". */
const BOTTOM_SLACK = 24;
/** What is shown, as a download: label, file ending, text, type. */
const DOWNLOADS = [
  ['Download .log', '.log', linesAsText, 'text/plain'],
  ['.jsonl', '.jsonl', linesAsJsonLines, 'application/x-ndjson'],
] as const;

/**
 * `keepsScrollPosition`: this viewer saves where it is scrolled to in the session and goes back
 * there when shown again (the Logs view). A session handed over from an object panel is on screen
 * twice; only one viewer may own the position, or each would come back where the other was.
 */
export function LogViewer({
  session,
  keepsScrollPosition = false,
}: {
  session: LogSession;
  keepsScrollPosition?: boolean;
}) {
  useSyncExternalStore(session.subscribe, session.getRevision);
  const { reading, buffer } = session;
  const revision = buffer.revision;
  const filter = useMemo(
    () =>
      compileLogFilter({ text: reading.filterText, regex: reading.regex, invert: reading.invert }),
    [reading.filterText, reading.regex, reading.invert],
  );
  const hidden = useMemo(() => new Set(reading.hiddenSources), [reading.hiddenSources]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the buffer changes in place; its revision says when
  const shown = useMemo(() => {
    if (hidden.size === 0 && (!filter.ok || !filter.active)) return buffer.entries;
    const matches = filter.ok ? filter.matches : () => true;
    return buffer.entries.filter(
      (entry) =>
        entry.kind === 'marker' ||
        (!hidden.has(sourceKey(entry.line)) && matches(stripAnsi(entry.line.line))),
    );
  }, [buffer, revision, filter, hidden]);
  const shownLines = (): LogLine[] =>
    shown.flatMap((entry) => (entry.kind === 'line' ? [entry.line] : []));

  const scrollRef = useRef<HTMLDivElement>(null);
  const variable = reading.wrap || reading.pretty;
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    getItemKey: (index) => shown[index]?.id ?? index,
    overscan: 20,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: row heights change with these settings
  useEffect(() => virtualizer.measure(), [variable, reading.timestamps, virtualizer]);

  // Back where it was: the newest line when following, else the saved scroll position.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the session is shown
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element && keepsScrollPosition && !session.reading.follow)
      element.scrollTop = session.reading.scrollTop;
  }, [session]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new lines (the revision) move a following view
  useEffect(() => {
    if (reading.follow && shown.length > 0)
      virtualizer.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [reading.follow, shown, revision, virtualizer]);
  // Not following any more: a scroll to the newest line still under way stops where it is.
  useEffect(() => {
    if (!reading.follow) virtualizer.cancelScroll();
  }, [reading.follow, virtualizer]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const atBottom =
      element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK;
    const position = keepsScrollPosition ? { scrollTop: element.scrollTop } : {};
    if (session.reading.follow && !atBottom && userScrolled.current)
      session.read({ follow: false, ...position });
    else if (keepsScrollPosition) session.read(position);
    userScrolled.current = false;
  };
  const userScrolled = useRef(false);
  const markUserScroll = () => {
    userScrolled.current = true;
  };

  const pattern = filter.ok ? filter.pattern : null;
  const sources = [...buffer.sources.entries()];

  return (
    <div className="log-viewer" data-testid="log-viewer">
      <div className="log-viewer__toolbar">
        <input
          type="search"
          aria-label="Filter lines"
          placeholder={reading.regex ? 'Regular expression…' : 'Filter lines…'}
          value={reading.filterText}
          aria-invalid={!filter.ok}
          onChange={(event) => session.read({ filterText: event.target.value })}
        />
        <Toggle label="Regex" on={reading.regex} set={(regex) => session.read({ regex })} />
        <Toggle label="Invert" on={reading.invert} set={(invert) => session.read({ invert })} />
        <Toggle label="Wrap" on={reading.wrap} set={(wrap) => session.read({ wrap })} />
        <Toggle label="JSON" on={reading.pretty} set={(pretty) => session.read({ pretty })} />
        <label className="inline-field">
          Time
          <select
            aria-label="Timestamps"
            value={reading.timestamps}
            onChange={(event) => session.read({ timestamps: event.target.value as TimestampMode })}
          >
            <option value="off">off</option>
            <option value="local">local</option>
            <option value="utc">UTC</option>
          </select>
        </label>
        <button
          type="button"
          aria-pressed={reading.follow}
          onClick={() => session.read({ follow: !reading.follow })}
        >
          {reading.follow ? 'Following' : 'Follow'}
        </button>
        <button
          type="button"
          onClick={() => {
            session.read({ follow: true });
            if (shown.length > 0) virtualizer.scrollToIndex(shown.length - 1, { align: 'end' });
          }}
        >
          Jump to newest
        </button>
        <span className="log-viewer__count" data-testid="log-line-count">
          {shown.length === buffer.entries.length
            ? `${buffer.lines} lines`
            : `${shownLines().length} of ${buffer.lines} lines`}
        </span>
        <details className="log-viewer__more">
          <summary>More</summary>
          <div className="log-viewer__more-body">
            <button type="button" onClick={() => session.clear()}>
              Clear
            </button>
            {DOWNLOADS.map(([label, ending, text, type]) => (
              <button
                key={ending}
                type="button"
                onClick={() => download(`${session.title}${ending}`, text(shownLines()), type)}
              >
                {label}
              </button>
            ))}
            <ServerFilters session={session} />
          </div>
        </details>
      </div>
      {!filter.ok && (
        <p className="banner" role="alert">
          Not a valid regular expression: {filter.error}
        </p>
      )}
      {session.dropped > 0 && (
        <p className="banner" role="status" data-testid="log-dropped">
          {session.dropped} lines were dropped by the server (
          {session.droppedReason ?? 'reader too slow'}).
        </p>
      )}
      {buffer.trimmed > 0 && (
        <p className="log-viewer__notice" role="status" data-testid="log-cap">
          Keeping the newest {buffer.cap.toLocaleString()} lines: {buffer.trimmed.toLocaleString()}{' '}
          older lines were let go.
        </p>
      )}
      <div className="log-viewer__sources">
        {sources.length > 0 && (
          <details className="log-viewer__source-list">
            <summary>
              Sources ({sources.length}
              {reading.hiddenSources.length > 0 ? `, ${reading.hiddenSources.length} hidden` : ''})
            </summary>
            <div className="log-viewer__chips">
              {sources.map(([key, line]) => (
                <button
                  key={key}
                  type="button"
                  className="log-source"
                  aria-pressed={!hidden.has(key)}
                  title={fullSourceLabel(line)}
                  onClick={() =>
                    session.read({
                      hiddenSources: toggled(reading.hiddenSources, key, !hidden.has(key)),
                    })
                  }
                >
                  <ClusterChip line={line} /> {shortSourceLabel(line)}
                </button>
              ))}
            </div>
          </details>
        )}
        {[...session.statuses.values()]
          .filter((status) => status.status !== 'started')
          .map((status) => (
            <span
              key={`${status.clusterId}|${status.source}`}
              className="log-status"
              title={status.message ?? undefined}
            >
              <StatusDot status={status.status} message={status.message} />
              {statusSourceLabel(status)}: {status.status}
            </span>
          ))}
        {session.state !== 'open' && <span className="log-status">stream {session.state}</span>}
      </div>
      <div
        ref={scrollRef}
        className={`log-viewer__lines${reading.wrap ? ' log-viewer__lines--wrap' : ''}`}
        role="log"
        aria-label="Log lines"
        aria-live="off"
        onScroll={onScroll}
        onWheel={markUserScroll}
        onPointerDown={markUserScroll}
        onKeyDown={markUserScroll}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = shown[item.index];
            if (!entry) return null;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={variable ? virtualizer.measureElement : undefined}
                className="log-row"
                style={{
                  transform: `translateY(${item.start}px)`,
                  height: variable ? undefined : LINE_HEIGHT,
                }}
              >
                <EntryRow entry={entry} reading={reading} pattern={pattern} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function EntryRow({
  entry,
  reading: { timestamps, pretty },
  pattern,
}: {
  entry: LogEntry;
  reading: LogReading;
  pattern: RegExp | null;
}) {
  if (entry.kind === 'marker')
    return (
      <div className="log-marker" role="note" data-testid="log-marker">
        {markerText(entry)}
      </div>
    );
  const { line } = entry;
  const severity = severityOf(line.line);
  const json = pretty ? prettyJson(line.line) : null;
  return (
    <div
      className={`log-line${severity ? ` log-line--${severity}` : ''}${line.late ? ' log-line--late' : ''}`}
      data-cluster-id={line.clusterId}
    >
      {timestamps !== 'off' && (
        <span className="log-line__time" title={line.timestamp}>
          {formatTimestamp(line.timestamp, timestamps)}
        </span>
      )}
      <span className="log-line__source" title={fullSourceLabel(line)}>
        <ClusterChip line={line} />
        <span className="log-line__label">{shortSourceLabel(line)}</span>
      </span>
      {json !== null ? (
        <pre className="log-line__json">{json}</pre>
      ) : (
        <span className="log-line__text">
          <LineText text={line.line} pattern={pattern} />
        </span>
      )}
      <button
        type="button"
        className="log-line__copy"
        aria-label="Copy line"
        title="Copy line"
        onClick={() => void navigator.clipboard?.writeText(stripAnsi(line.line))}
      >
        ⧉
      </button>
    </div>
  );
}

function LineText({ text, pattern }: { text: string; pattern: RegExp | null }) {
  if (pattern)
    return (
      <>
        {highlightParts(stripAnsi(text), pattern).map((part, index) =>
          part.match ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts of one line never reorder
            <mark key={index}>{part.text}</mark>
          ) : (
            part.text
          ),
        )}
      </>
    );
  return (
    <>
      {ansiParts(text).map((part, index) =>
        part.className ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one line never reorder
          <span key={index} className={part.className}>
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/** The cluster's colour and short name; `title`: its tooltip. */
export function ClusterChip({
  line,
  title,
}: {
  line: Pick<LogLine, 'clusterId' | 'clusterName'>;
  title?: string;
}) {
  return (
    <span
      className="log-chip"
      style={{ backgroundColor: clusterColour(line.clusterId) }}
      title={title}
    >
      {clusterAlias(line.clusterName)}
    </span>
  );
}

function Toggle({ label, on, set }: { label: string; on: boolean; set: (on: boolean) => void }) {
  return (
    <label className="inline-field">
      <input type="checkbox" checked={on} onChange={(event) => set(event.target.checked)} />
      {label}
    </label>
  );
}

/** Include/exclude filters the server applies (a chatty source is cut before the wire). */
function ServerFilters({ session }: { session: LogSession }) {
  const [include, setInclude] = useState(session.spec.include);
  const [exclude, setExclude] = useState(session.spec.exclude);
  const [regex, setRegex] = useState(session.spec.serverRegex);
  const [problem, setProblem] = useState<string | null>(null);
  const changed =
    include !== session.spec.include ||
    exclude !== session.spec.exclude ||
    regex !== session.spec.serverRegex;
  return (
    <form
      className="log-viewer__server"
      aria-label="Server filters"
      onSubmit={(event) => {
        event.preventDefault();
        const bad = [include, exclude]
          .map((text) => compileLogFilter({ text, regex, invert: false }))
          .find((compiled) => !compiled.ok);
        setProblem(bad && !bad.ok ? bad.error : null);
        if (!bad) session.respec({ ...session.spec, include, exclude, serverRegex: regex });
      }}
    >
      <span className="muted">On the server:</span>
      <input
        type="search"
        aria-label="Only lines with"
        placeholder="only lines with…"
        value={include}
        onChange={(event) => setInclude(event.target.value)}
      />
      <input
        type="search"
        aria-label="Without lines with"
        placeholder="without lines with…"
        value={exclude}
        onChange={(event) => setExclude(event.target.value)}
      />
      <Toggle label="Regex" on={regex} set={setRegex} />
      <button type="submit" disabled={!changed}>
        Apply
      </button>
      {problem && (
        <p className="banner" role="alert">
          Not a valid regular expression: {problem}
        </p>
      )}
    </form>
  );
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name.replace(/[^\w.-]+/g, '_');
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
