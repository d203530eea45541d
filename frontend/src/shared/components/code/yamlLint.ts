/**
 * YAML syntax errors found in the browser, before anything is sent: the `yaml` parser's errors
 * with their line and column, and the same as CodeMirror diagnostics (inline marks + gutter).
 */
import type { Diagnostic } from '@codemirror/lint';
import { linter } from '@codemirror/lint';
import { LineCounter, parseAllDocuments } from 'yaml';

export interface YamlProblem {
  line: number;
  column: number;
  from: number;
  to: number;
  message: string;
}

export function yamlProblems(text: string): YamlProblem[] {
  const lines = new LineCounter();
  const problems: YamlProblem[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter: lines })) {
    for (const error of doc.errors) {
      const [from, to] = error.pos;
      const at = lines.linePos(from);
      problems.push({
        line: at.line,
        column: at.col,
        from: Math.min(from, text.length),
        to: Math.min(Math.max(to, from + 1), text.length),
        // The parser's first line says what is wrong; the rest repeats the source.
        message: (error.message.split('\n')[0] ?? error.message).replace(
          / at line \d+, column \d+:?$/,
          '',
        ),
      });
    }
  }
  return problems;
}

/** The CodeMirror linter over `yamlProblems` (runs as the text changes, no request). */
export const yamlLinter = linter(
  (view): Diagnostic[] =>
    yamlProblems(view.state.doc.toString()).map((problem) => ({
      from: problem.from,
      to: problem.to,
      severity: 'error',
      message: problem.message,
    })),
  { delay: 150 },
);
