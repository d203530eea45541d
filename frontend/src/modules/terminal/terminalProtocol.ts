/**
 * The terminal WebSocket of contract §10: its URL, and the server's text frames (`exit`, `error`).
 * The page's session cookie authenticates the upgrade; the URL names the container's own cluster.
 */
import { podScope } from '../../core/refresh/scopes';
import type { TerminalError, TerminalExit, TerminalResize } from '../../core/types.generated';

/** One container a terminal runs in, on its own cluster. */
export interface TerminalTarget {
  clusterId: string;
  namespace: string;
  pod: string;
  container: string;
  /** Set: start an ephemeral debug container with this image next to `container`. */
  debugImage?: string;
}

export function terminalScope(target: TerminalTarget): string {
  return podScope(target.clusterId, target.namespace, target.pod, target.container);
}

/** The terminal endpoint's path and query: the WebSocket's, and the refusal's over HTTP. */
export function terminalPath(target: TerminalTarget): string {
  const params = new URLSearchParams({ scope: terminalScope(target) });
  if (target.debugImage) params.set('debug', target.debugImage);
  return `/api/v1/terminal?${params.toString()}`;
}

export function terminalUrl(
  target: TerminalTarget,
  base: Location | URL = window.location,
): string {
  return `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}${terminalPath(target)}`;
}

export type ServerFrame = TerminalExit | TerminalError;

/** A text frame from the server, or null when it is not one the contract defines. */
export function parseServerFrame(text: string): ServerFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const frame = value as Record<string, unknown>;
  if (frame.type === 'exit' && typeof frame.code === 'number') {
    return { type: 'exit', code: frame.code };
  }
  if (frame.type === 'error' && typeof frame.code === 'string') {
    const message = typeof frame.message === 'string' ? frame.message : frame.code;
    return { type: 'error', code: frame.code, message };
  }
  return null;
}

export function resizeFrame(cols: number, rows: number): string {
  const frame: TerminalResize = { type: 'resize', cols, rows };
  return JSON.stringify(frame);
}

/** How a session stands, as its status line says it. */
export type SessionState =
  | { status: 'connecting' }
  | { status: 'open' }
  | { status: 'exited'; code: number }
  | { status: 'failed'; code: string; message: string };

/**
 * The state after the socket closed: the last frame decides; without one, a socket that never
 * opened was refused (the caller asks why over HTTP), an open one was lost.
 */
export function stateAfterClose(
  last: ServerFrame | null,
  closeCode: number,
  opened: boolean,
): SessionState {
  if (last?.type === 'exit') return { status: 'exited', code: last.code };
  if (last?.type === 'error') return { status: 'failed', code: last.code, message: last.message };
  if (opened) {
    return {
      status: 'failed',
      code: 'connection_lost',
      message: 'The connection to Regatta was lost before the session ended.',
    };
  }
  return {
    status: 'failed',
    code: 'refused',
    message: `The terminal could not be opened (the WebSocket closed with code ${closeCode}).`,
  };
}
