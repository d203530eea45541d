/**
 * A code view (CodeMirror 6): highlighting, line numbers, folding and search (Ctrl/Cmd-F) over
 * values, manifests, YAML. Read-only unless `onChange` is given; edited YAML has its syntax errors
 * marked inline as one types.
 */
import './code.css';
import { lintGutter } from '@codemirror/lint';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { type CodeLanguage, editableExtensions, readOnlyExtensions } from './codeExtensions';
import { usePageTheme } from './usePageTheme';
import { yamlLinter } from './yamlLint';

export function CodeViewer({
  value,
  label,
  language = 'yaml',
  onChange,
}: {
  value: string;
  /** What the code is, for assistive technology: "Values of storefront on alpha". */
  label: string;
  language?: CodeLanguage;
  onChange?: (value: string) => void;
}) {
  const theme = usePageTheme();
  const editable = onChange !== undefined;
  const extensions = useMemo(
    () =>
      editable
        ? [
            ...editableExtensions(language, theme),
            ...(language === 'yaml' ? [yamlLinter, lintGutter()] : []),
          ]
        : readOnlyExtensions(language, theme),
    [editable, language, theme],
  );
  return (
    <section
      className={editable ? 'code-view code-view--editable' : 'code-view'}
      data-testid={editable ? 'code-editor' : 'code-view'}
      aria-label={label}
    >
      <CodeMirror
        value={value}
        onChange={onChange}
        editable={editable}
        readOnly={!editable}
        theme="none"
        height="100%"
        extensions={extensions}
        basicSetup={
          editable ? undefined : { highlightActiveLine: false, highlightActiveLineGutter: false }
        }
      />
    </section>
  );
}
