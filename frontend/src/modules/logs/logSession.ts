/**
 * A log session: what is followed (scopes and server-side options), the lines kept, and how they
 * are read (filters, wrap, timestamps, follow, scroll position). Sessions live outside React, so
 * leaving the Logs view or opening a panel does not throw them away; the view shows them as tabs.
 */
import { Listeners } from '../../core/listeners';
import { openEventStream, type StreamState, streamUrl } from '../../core/refresh/eventStream';
import type { Dropped, LogLine, SourceStatus } from '../../core/types.generated';
import { DEFAULT_LOG_CAP, LogBuffer } from './logBuffer';
import { isLogLine } from './logSources';

export const LOGS_STREAM_PATH = '/api/v1/streams/logs';
const FLUSH_MS = 100;

export interface LogSpec {
  scopes: string[];
  tailLines: number;
  previous: boolean;
  /** Server-side filters (applied before the wire); `serverRegex` makes them regexes. */
  include: string;
  exclude: string;
  serverRegex: boolean;
}

export type TimestampMode = 'off' | 'local' | 'utc';

export interface LogReading {
  filterText: string;
  regex: boolean;
  invert: boolean;
  wrap: boolean;
  timestamps: TimestampMode;
  pretty: boolean;
  follow: boolean;
  scrollTop: number;
  hiddenSources: readonly string[];
}

export const DEFAULT_SPEC: LogSpec = {
  scopes: [],
  tailLines: 200,
  previous: false,
  include: '',
  exclude: '',
  serverRegex: false,
};

export const DEFAULT_READING: LogReading = {
  filterText: '',
  regex: false,
  invert: false,
  wrap: false,
  timestamps: 'local',
  pretty: false,
  follow: true,
  scrollTop: 0,
  hiddenSources: [],
};

/** The stream URL of a spec (query parameters of contract §7 and its additions). */
export function logStreamUrl(spec: LogSpec): string {
  const text = !spec.serverRegex;
  return streamUrl(LOGS_STREAM_PATH, spec.scopes, {
    tailLines: spec.tailLines,
    previous: spec.previous ? 'true' : undefined,
    include: text ? spec.include : undefined,
    exclude: text ? spec.exclude : undefined,
    includeRegex: text ? undefined : spec.include,
    excludeRegex: text ? undefined : spec.exclude,
  });
}

let nextSessionId = 1;

export class LogSession {
  readonly id = `log-${nextSessionId++}`;
  readonly buffer = new LogBuffer(DEFAULT_LOG_CAP);
  state: StreamState = 'connecting';
  statuses: ReadonlyMap<string, SourceStatus> = new Map();
  dropped = 0;
  droppedReason: string | null = null;
  /** Goes up on every change the view shows. */
  revision = 0;
  private closeStream: (() => void) | null = null;
  private pending: LogLine[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Listeners();

  constructor(
    public title: string,
    public spec: LogSpec,
    public reading: LogReading = DEFAULT_READING,
  ) {}

  start(): void {
    if (this.closeStream || this.spec.scopes.length === 0) return;
    this.closeStream = openEventStream({
      url: logStreamUrl(this.spec),
      events: {
        log: (data) => {
          if (isLogLine(data)) this.pending.push(data);
          this.schedule();
        },
        status: (data) => this.onStatus(data),
        dropped: (data) => this.onDropped(data),
      },
      onState: (state) => {
        this.state = state;
        this.schedule();
      },
    });
  }

  stop(): void {
    this.closeStream?.();
    this.closeStream = null;
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.flush();
  }

  /** Follow something else: the kept lines go, the reading settings stay. */
  respec(spec: LogSpec, title = this.title): void {
    this.stop();
    this.spec = spec;
    this.title = title;
    this.buffer.clear();
    this.statuses = new Map();
    this.dropped = 0;
    this.droppedReason = null;
    this.start();
    this.changed();
  }

  read(change: Partial<LogReading>): void {
    this.reading = { ...this.reading, ...change };
    if (change.scrollTop === undefined || Object.keys(change).length > 1) this.changed();
  }

  clear(): void {
    this.buffer.clear();
    this.changed();
  }

  readonly subscribe = this.listeners.add;

  getRevision = (): number => this.revision;

  flush(): void {
    if (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.buffer.add(batch);
    }
    this.changed();
  }

  private onStatus(data: unknown): void {
    const status = data as Partial<SourceStatus> | null;
    if (typeof status?.clusterId !== 'string' || typeof status.source !== 'string') return;
    const statuses = new Map(this.statuses);
    statuses.set(`${status.clusterId}|${status.source}`, status as SourceStatus);
    this.statuses = statuses;
    this.schedule();
  }

  private onDropped(data: unknown): void {
    const dropped = data as Partial<Dropped> | null;
    if (typeof dropped?.count !== 'number') return;
    this.dropped += dropped.count;
    this.droppedReason = typeof dropped.reason === 'string' ? dropped.reason : null;
    this.schedule();
  }

  private schedule(): void {
    if (this.flushTimer !== null) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, FLUSH_MS);
  }

  private changed(): void {
    this.revision += 1;
    this.listeners.tell();
  }
}

// --- the Logs view's sessions (tabs) -------------------------------------------------------------

interface SessionsState {
  sessions: readonly LogSession[];
  activeId: string | null;
}

let sessionsState: SessionsState = { sessions: [], activeId: null };
const sessionListeners = new Listeners();

function setSessions(next: SessionsState): void {
  sessionsState = next;
  sessionListeners.tell();
}

export const logSessions = {
  subscribe: sessionListeners.add,
  get(): SessionsState {
    return sessionsState;
  },
  /** A new tab (or an existing session moved into the view), made the active one. */
  open(session: LogSession): LogSession {
    session.start();
    const sessions = sessionsState.sessions.includes(session)
      ? sessionsState.sessions
      : [...sessionsState.sessions, session];
    setSessions({ sessions, activeId: session.id });
    return session;
  },
  activate(id: string): void {
    setSessions({ ...sessionsState, activeId: id });
  },
  close(id: string): void {
    const closing = sessionsState.sessions.find((s) => s.id === id);
    closing?.stop();
    const sessions = sessionsState.sessions.filter((s) => s.id !== id);
    const activeId =
      sessionsState.activeId === id ? (sessions.at(-1)?.id ?? null) : sessionsState.activeId;
    setSessions({ sessions, activeId });
  },
};
