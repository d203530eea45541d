import { vi } from 'vitest';

/**
 * A stand-in for the browser's EventSource: tests open, emit named events and fail streams by
 * hand. `FakeEventSource.instances` lists every stream opened since `installFakeEventSource()`.
 */
export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];

  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  addEventListener(name: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  /** The server accepted the stream. */
  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.(new Event('open'));
  }

  /** The server sent `event: <name>` with `data: <JSON of data>`. */
  emit(name: string, data: unknown): void {
    const event = new MessageEvent<string>(name, { data: JSON.stringify(data) });
    for (const listener of this.listeners.get(name) ?? []) listener(event);
  }

  /** The connection failed; `giveUp` as the browser does after a non-200 answer. */
  fail(giveUp = false): void {
    this.readyState = giveUp ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.onerror?.(new Event('error'));
  }

  get closed(): boolean {
    return this.readyState === FakeEventSource.CLOSED;
  }

  /** The scopes the stream was opened for. */
  get scopes(): string[] {
    return new URL(this.url, 'http://127.0.0.1').searchParams.getAll('scope');
  }
}

export function installFakeEventSource(): typeof FakeEventSource {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  return FakeEventSource;
}

/** The most recently opened stream whose path is `path`. */
export function latestStream(path: string): FakeEventSource {
  const found = FakeEventSource.instances.filter(
    (source) => new URL(source.url, 'http://127.0.0.1').pathname === path,
  );
  const last = found[found.length - 1];
  if (!last) throw new Error(`no stream to ${path} was opened`);
  return last;
}
