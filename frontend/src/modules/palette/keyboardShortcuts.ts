/**
 * The app's keyboard shortcuts: their list (the `?` overlay shows it) and how a key press maps to
 * one. A shortcut never fires while the user types: in an input, a text area, a select, an
 * editable element, the YAML editor or a terminal.
 */

export interface Shortcut {
  keys: string[];
  description: string;
}

export const SHORTCUTS: { title: string; shortcuts: Shortcut[] }[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: ['Ctrl', 'K'], description: 'Command palette (⌘K on a Mac)' },
      { keys: ['?'], description: 'This list of shortcuts' },
      { keys: ['/'], description: 'Filter the table' },
      { keys: ['Esc'], description: 'Close the dialog, else the object panel' },
    ],
  },
  {
    title: 'Table',
    shortcuts: [
      { keys: ['j'], description: 'Next row (also ↓)' },
      { keys: ['k'], description: 'Previous row (also ↑)' },
      { keys: ['Enter'], description: 'Open the row' },
    ],
  },
  {
    title: 'Object panel',
    shortcuts: [
      { keys: ['d'], description: 'Details' },
      { keys: ['e'], description: 'YAML (edit)' },
      { keys: ['l'], description: 'Logs' },
      { keys: ['s'], description: 'Shell (Terminal)' },
      { keys: ['['], description: 'Previous tab' },
      { keys: [']'], description: 'Next tab' },
      { keys: ['Ctrl', 'D'], description: 'Delete (asks for confirmation)' },
    ],
  },
];

/** Is the user typing into `target` (so a plain key is text, not a shortcut)? */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('.cm-editor, .xterm, [contenteditable="true"]')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}

/** Plain keys (no modifier) and what they do. */
const PLAIN = {
  '?': 'help',
  '/': 'filter',
  j: 'next-row',
  k: 'previous-row',
  d: 'details',
  e: 'yaml',
  l: 'logs',
  s: 'shell',
  '[': 'previous-tab',
  ']': 'next-tab',
} as const;

export type ShortcutAction = (typeof PLAIN)[keyof typeof PLAIN] | 'palette' | 'escape' | 'delete';

/** The shortcut a key press means here, or null (typing, or no shortcut). */
export function shortcutOf(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}): ShortcutAction | null {
  const command = event.ctrlKey || event.metaKey;
  if (command && !event.altKey && event.key.toLowerCase() === 'k') return 'palette';
  if (event.key === 'Escape') return 'escape';
  if (isTyping(event.target)) return null;
  if (event.ctrlKey && !event.metaKey && !event.altKey && event.key.toLowerCase() === 'd') {
    return 'delete';
  }
  if (command || event.altKey) return null;
  return (PLAIN as Record<string, ShortcutAction>)[event.key] ?? null;
}
