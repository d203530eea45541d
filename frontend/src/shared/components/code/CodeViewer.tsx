/**
 * A read-only code view (CodeMirror 6): highlighting, line numbers, folding and search (Ctrl/Cmd-F)
 * over text a person reads but does not change here — values, manifests, YAML.
 */
import './code.css';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { type CodeLanguage, readOnlyExtensions } from './codeExtensions';
import { usePageTheme } from './usePageTheme';

export function CodeViewer({
  value,
  label,
  language = 'yaml',
}: {
  value: string;
  /** What the code is, for assistive technology: "Values of storefront on alpha". */
  label: string;
  language?: CodeLanguage;
}) {
  const theme = usePageTheme();
  const extensions = useMemo(() => readOnlyExtensions(language, theme), [language, theme]);
  return (
    <section className="code-view" data-testid="code-view" aria-label={label}>
      <CodeMirror
        value={value}
        editable={false}
        readOnly
        theme="none"
        height="100%"
        extensions={extensions}
        basicSetup={{ highlightActiveLine: false, highlightActiveLineGutter: false }}
      />
    </section>
  );
}
