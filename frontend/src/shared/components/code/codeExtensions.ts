/**
 * The CodeMirror 6 extensions every code view shares: the language, line wrapping off (YAML keeps
 * its shape; the view scrolls), and the page's font and colours; read-only views add no editing.
 */
import { yaml } from '@codemirror/lang-yaml';
import { EditorState, type Extension } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView } from '@codemirror/view';
import type { PageTheme } from './usePageTheme';

export type CodeLanguage = 'yaml' | 'text';

const frame = EditorView.theme({
  '&': { fontSize: '12px', height: '100%' },
  '.cm-scroller': { fontFamily: 'var(--font-mono, ui-monospace, monospace)' },
  '&.cm-focused': { outline: '1px solid var(--color-accent)' },
});

export function readOnlyExtensions(language: CodeLanguage, theme: PageTheme): Extension[] {
  return [
    ...editableExtensions(language, theme),
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
  ];
}

/** The same language, font and colours for a view a person edits (`CodeViewer` with `onChange`). */
export function editableExtensions(language: CodeLanguage, theme: PageTheme): Extension[] {
  return [...(language === 'yaml' ? [yaml()] : []), frame, ...(theme === 'dark' ? [oneDark] : [])];
}
