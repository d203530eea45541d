/**
 * One terminal: xterm.js on the contract §10 WebSocket. Keys go out as stdin bytes, output comes
 * back as bytes, the size follows the dock (fit addon → resize frame). The status line says how
 * the session stands; an ended or failed one offers Reconnect, and a container without a shell
 * offers a debug container when can-i allows it. Ctrl+Shift+C / Ctrl+Shift+V copy and paste.
 */
import { FitAddon } from '@xterm/addon-fit';
import { type ITheme, Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { ActionPermission } from '../../core/types.generated';
import { DebugImageField } from './DebugImageField';
import { debugPermission, refusalOf } from './terminalApi';
import {
  parseServerFrame,
  resizeFrame,
  type ServerFrame,
  type SessionState,
  stateAfterClose,
  type TerminalTarget,
  terminalUrl,
} from './terminalProtocol';

function themeFromPage(): ITheme {
  const style = getComputedStyle(document.documentElement);
  const colour = (name: string) => style.getPropertyValue(name).trim() || undefined;
  return {
    background: colour('--color-bg'),
    foreground: colour('--color-text'),
    cursor: colour('--color-accent'),
    selectionBackground: colour('--color-accent-soft'),
  };
}

function copySelection(term: Terminal): void {
  if (term.hasSelection()) void navigator.clipboard?.writeText(term.getSelection());
}

function paste(term: Terminal): void {
  void navigator.clipboard?.readText().then((text) => term.paste(text));
}

export function statusText(state: SessionState): string {
  switch (state.status) {
    case 'connecting':
      return 'Connecting…';
    case 'open':
      return 'Connected';
    case 'exited':
      return `Session ended (exit ${state.code})`;
    case 'failed':
      return state.message;
  }
}

export function TerminalSession({
  target,
  active,
  onDebug,
}: {
  target: TerminalTarget;
  active: boolean;
  onDebug: (image: string) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const terminal = useRef<Terminal | null>(null);
  const fit = useRef<FitAddon | null>(null);
  const socket = useRef<WebSocket | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<SessionState>({ status: 'connecting' });
  const [debug, setDebug] = useState<ActionPermission | null>(null);
  const [image, setImage] = useState('busybox');

  // The xterm instance lives as long as the session's tab.
  useEffect(() => {
    if (!host.current) return;
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: themeFromPage(),
    });
    const fitter = new FitAddon();
    term.loadAddon(fitter);
    term.open(host.current);
    term.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
      if (event.code === 'KeyC') copySelection(term);
      else if (event.code === 'KeyV') paste(term);
      else return true;
      return false;
    });
    const encoder = new TextEncoder();
    const input = term.onData((data) => {
      const ws = socket.current;
      if (ws?.readyState === WebSocket.OPEN) ws.send(encoder.encode(data));
    });
    const resized = term.onResize(({ cols, rows }) => {
      const ws = socket.current;
      if (ws?.readyState === WebSocket.OPEN) ws.send(resizeFrame(cols, rows));
    });
    const themes = new MutationObserver(() => {
      term.options.theme = themeFromPage();
    });
    themes.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const sizes = new ResizeObserver(() => {
      if (host.current?.offsetParent) fitter.fit();
    });
    sizes.observe(host.current);
    terminal.current = term;
    fit.current = fitter;
    return () => {
      sizes.disconnect();
      themes.disconnect();
      input.dispose();
      resized.dispose();
      term.dispose();
      terminal.current = null;
    };
  }, []);

  // One WebSocket per attempt (Reconnect makes a new one).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` reconnects
  useEffect(() => {
    const term = terminal.current;
    if (!term) return;
    setState({ status: 'connecting' });
    setDebug(null);
    const ws = new WebSocket(terminalUrl(target));
    ws.binaryType = 'arraybuffer';
    socket.current = ws;
    let opened = false;
    let last: ServerFrame | null = null;
    let disposed = false;
    ws.onopen = () => {
      opened = true;
      setState({ status: 'open' });
      if (fit.current && host.current?.offsetParent) fit.current.fit();
      ws.send(resizeFrame(term.cols, term.rows));
    };
    ws.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
      if (typeof event.data === 'string') last = parseServerFrame(event.data) ?? last;
      else term.write(new Uint8Array(event.data));
    };
    ws.onclose = (event) => {
      if (disposed) return;
      const ended = stateAfterClose(last, event.code, opened);
      setState(ended);
      if (ended.status === 'failed' && ended.code === 'refused') {
        void refusalOf(target).then((why) => {
          if (why && !disposed) setState({ ...ended, message: why });
        });
      }
      if (ended.status === 'failed' && ended.code === 'no_shell') {
        void debugPermission(target)
          .then((answer) => !disposed && setDebug(answer))
          .catch(() => undefined);
      }
    };
    return () => {
      disposed = true;
      ws.close(1000);
      socket.current = null;
    };
  }, [target, attempt]);

  useEffect(() => {
    if (active && host.current?.offsetParent) {
      fit.current?.fit();
      terminal.current?.focus();
    }
  }, [active]);

  const ended = state.status === 'exited' || state.status === 'failed';
  return (
    <div className="terminal-session" hidden={!active} data-testid="terminal-session">
      <div className="terminal-session__bar">
        <span
          className="terminal-session__status"
          data-status={state.status}
          data-testid="terminal-status"
          role="status"
        >
          {statusText(state)}
        </span>
        {state.status === 'failed' && <code className="terminal-session__code">{state.code}</code>}
        {ended && (
          <button type="button" onClick={() => setAttempt((count) => count + 1)}>
            Reconnect
          </button>
        )}
        {state.status === 'failed' && state.code === 'no_shell' && debug && (
          <span className="terminal-session__debug">
            <DebugImageField image={image} onChange={setImage} />
            <button
              type="button"
              disabled={!debug.allowed || !image.trim()}
              title={debug.allowed ? undefined : (debug.reason ?? undefined)}
              onClick={() => onDebug(image.trim())}
            >
              Start debug container
            </button>
          </span>
        )}
        <span className="terminal-session__tools">
          <button
            type="button"
            className="link-button"
            title="Copy the selection (Ctrl+Shift+C)"
            onClick={() => terminal.current && copySelection(terminal.current)}
          >
            Copy
          </button>
          <button
            type="button"
            className="link-button"
            title="Paste (Ctrl+Shift+V)"
            disabled={state.status !== 'open'}
            onClick={() => terminal.current && paste(terminal.current)}
          >
            Paste
          </button>
        </span>
      </div>
      <div className="terminal-session__screen" ref={host} data-testid="terminal-screen" />
    </div>
  );
}
