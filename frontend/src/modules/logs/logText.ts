/**
 * How one log line reads: timestamps in the chosen zone, severity, ANSI colours as class-named
 * spans (no inline styles), JSON pretty-printed on demand, and the text/JSON-lines downloads.
 */
import Anser from 'anser';
import type { LogLine } from '../../core/types.generated';
import type { TimestampMode } from './logSession';

export type Severity = 'error' | 'warn' | null;

const ERROR_PATTERN =
  /\blevel=(?:error|fatal|panic|crit)\b|"level"\s*:\s*"(?:error|fatal|panic|critical)"|\b(?:ERROR|FATAL|PANIC|CRITICAL)\b/;
const WARN_PATTERN = /\blevel=warn(?:ing)?\b|"level"\s*:\s*"warn(?:ing)?"|\bWARN(?:ING)?\b/;

export function severityOf(text: string): Severity {
  if (ERROR_PATTERN.test(text)) return 'error';
  if (WARN_PATTERN.test(text)) return 'warn';
  return null;
}

/** `2026-11-26T07:49:41.123456789Z` as shown, to the millisecond: local `08:49:41.123` or UTC
 * `07:49:41.123Z` (the full timestamp is the tooltip). */
export function formatTimestamp(timestamp: string, mode: TimestampMode): string {
  if (mode === 'off') return '';
  if (mode === 'utc') return `${timestamp.slice(11, 23)}Z`;
  const when = new Date(`${timestamp.slice(0, 23)}Z`);
  if (Number.isNaN(when.getTime())) return timestamp;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}.${pad(when.getMilliseconds(), 3)}`;
}

export interface AnsiPart {
  text: string;
  /** Class names (anser's `ansi-*`), or '' for plain text. */
  className: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC
const ESCAPE = /\u001b\[/;

export function ansiParts(text: string): AnsiPart[] {
  if (!ESCAPE.test(text)) return [{ text, className: '' }];
  return Anser.ansiToJson(text, { use_classes: true, remove_empty: true }).map((entry) => ({
    text: entry.content,
    className: [
      entry.fg ? `${entry.fg}-fg` : '',
      entry.bg ? `${entry.bg}-bg` : '',
      ...(entry.decorations ?? []).map((decoration) => `ansi-${decoration}`),
    ]
      .filter(Boolean)
      .join(' '),
  }));
}

export function stripAnsi(text: string): string {
  return ESCAPE.test(text) ? Anser.ansiToText(text) : text;
}

/** The line as indented JSON if it is a JSON object or array; null otherwise. */
export function prettyJson(text: string): string | null {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

/** What is shown, as text: one line each, with time, cluster and source. */
export function linesAsText(lines: readonly LogLine[]): string {
  return lines
    .map(
      (l) =>
        `${l.timestamp} ${l.clusterName} ${l.namespace}/${l.pod}/${l.container} ${stripAnsi(l.line)}\n`,
    )
    .join('');
}

/** What is shown, as JSON lines with cluster and source per line. */
export function linesAsJsonLines(lines: readonly LogLine[]): string {
  return lines
    .map(
      (l) =>
        `${JSON.stringify({
          timestamp: l.timestamp,
          clusterId: l.clusterId,
          clusterName: l.clusterName,
          namespace: l.namespace,
          pod: l.pod,
          container: l.container,
          line: l.line,
        })}\n`,
    )
    .join('');
}
