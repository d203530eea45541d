/**
 * One Server-Sent Events stream (CONTRACT §7) with JSON payloads. The browser's EventSource
 * reconnects by itself (sending Last-Event-ID); when it gives up (readyState CLOSED, e.g. after
 * a non-200 answer) the stream is reopened after a growing delay. Same-origin EventSource sends
 * the session cookie.
 */
import { parseJson } from '../http';
import { STREAM_RETRY_MAX_MS, STREAM_RETRY_MIN_MS } from './limits';

export type StreamState = 'connecting' | 'open' | 'down';

export interface EventStreamOptions {
  url: string;
  /** Handlers by SSE event name; `data` is the parsed JSON (events that are not JSON are skipped). */
  events: Record<string, (data: unknown) => void>;
  onState?: (state: StreamState) => void;
}

/** Opens the stream; returns the function that closes it for good. */
export function openEventStream({ url, events, onState }: EventStreamOptions): () => void {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = STREAM_RETRY_MIN_MS;
  let closed = false;

  const connect = () => {
    onState?.('connecting');
    const current = new EventSource(url);
    source = current;
    current.onopen = () => {
      retryDelay = STREAM_RETRY_MIN_MS;
      onState?.('open');
    };
    current.onerror = () => {
      if (closed) return;
      onState?.('down');
      if (current.readyState === EventSource.CLOSED) {
        current.close();
        retryTimer = setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, STREAM_RETRY_MAX_MS);
      }
    };
    for (const [name, handle] of Object.entries(events)) {
      current.addEventListener(name, (event: MessageEvent<string>) => {
        const data = parseJson(event.data);
        if (data !== undefined) handle(data);
      });
    }
  };

  connect();
  return () => {
    closed = true;
    if (retryTimer !== null) clearTimeout(retryTimer);
    source?.close();
  };
}

/** `<path>?scope=…&scope=…&<extra>` for a stream request. */
export function streamUrl(
  path: string,
  scopes: readonly string[],
  extra: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const scope of scopes) params.append('scope', scope);
  for (const [name, value] of Object.entries(extra)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
