/**
 * An editable code view (CodeMirror 6) with what the read-only one has — highlighting, line
 * numbers, folding, search (Ctrl/Cmd-F) — and, for YAML, syntax errors marked inline as one types.
 */
import './code.css';
import { lintGutter } from '@codemirror/lint';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { type CodeLanguage, editableExtensions } from './codeExtensions';
import { usePageTheme } from './usePageTheme';
import { yamlLinter } from './yamlLint';

export function CodeEditor({
  value,
  onChange,
  label,
  language = 'yaml',
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  language?: CodeLanguage;
}) {
  const theme = usePageTheme();
  const extensions = useMemo(
    () => [
      ...editableExtensions(language, theme),
      ...(language === 'yaml' ? [yamlLinter, lintGutter()] : []),
    ],
    [language, theme],
  );
  return (
    <section className="code-view code-view--editable" data-testid="code-editor" aria-label={label}>
      <CodeMirror
        value={value}
        onChange={onChange}
        theme="none"
        height="100%"
        extensions={extensions}
      />
    </section>
  );
}
