/**
 * The logs view's filter: plain text (case-insensitive) or a regular expression, optionally
 * inverted (show the lines that do not match). An invalid expression is reported, not thrown.
 */

export interface LogFilterSpec {
  text: string;
  regex: boolean;
  invert: boolean;
}

export type CompiledLogFilter =
  | { ok: true; active: boolean; matches: (line: string) => boolean; pattern: RegExp | null }
  | { ok: false; error: string };

export function compileLogFilter(spec: LogFilterSpec): CompiledLogFilter {
  if (spec.text === '') return { ok: true, active: false, matches: () => true, pattern: null };
  let pattern: RegExp;
  try {
    pattern = spec.regex ? new RegExp(spec.text, 'i') : new RegExp(escapeRegExp(spec.text), 'i');
  } catch (thrown) {
    return { ok: false, error: thrown instanceof Error ? thrown.message : String(thrown) };
  }
  const matches = (line: string) => pattern.test(line) !== spec.invert;
  return { ok: true, active: true, matches, pattern: spec.invert ? null : pattern };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `line` cut into plain and matching parts, for highlighting (`pattern` without the g flag). */
export function highlightParts(
  line: string,
  pattern: RegExp | null,
): { text: string; match: boolean }[] {
  if (!pattern) return [{ text: line, match: false }];
  const global = new RegExp(pattern.source, 'gi');
  const parts: { text: string; match: boolean }[] = [];
  let last = 0;
  for (const found of line.matchAll(global)) {
    const index = found.index ?? 0;
    if (found[0] === '') continue;
    if (index > last) parts.push({ text: line.slice(last, index), match: false });
    parts.push({ text: found[0], match: true });
    last = index + found[0].length;
  }
  if (last < line.length) parts.push({ text: line.slice(last), match: false });
  return parts.length > 0 ? parts : [{ text: line, match: false }];
}
