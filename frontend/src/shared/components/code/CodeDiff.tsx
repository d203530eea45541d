/**
 * Two texts side by side with their differences marked (`@codemirror/merge`), both read-only:
 * the same thing as two sources hold it, such as one release's values on two clusters.
 */
import './code.css';
import { MergeView } from '@codemirror/merge';
import { useEffect, useRef } from 'react';
import { type CodeLanguage, readOnlyExtensions } from './codeExtensions';
import { usePageTheme } from './usePageTheme';

export function CodeDiff({
  left,
  right,
  leftTitle,
  rightTitle,
  language = 'yaml',
}: {
  left: string;
  right: string;
  leftTitle: string;
  rightTitle: string;
  language?: CodeLanguage;
}) {
  const host = useRef<HTMLElement>(null);
  const theme = usePageTheme();

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const extensions = readOnlyExtensions(language, theme);
    const view = new MergeView({
      a: { doc: left, extensions },
      b: { doc: right, extensions },
      parent,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [left, right, language, theme]);

  return (
    <div className="code-diff" data-testid="code-diff">
      <div className="code-diff__titles">
        <span>{leftTitle}</span>
        <span>{rightTitle}</span>
      </div>
      <section
        className="code-diff__body"
        ref={host}
        aria-label={`${leftTitle} compared with ${rightTitle}`}
      />
    </div>
  );
}
