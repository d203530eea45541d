/**
 * The keyboard layer of the app: the command palette, the `?` overlay and the shortcuts, on one
 * window key listener. Plain-key shortcuts never fire while the user types (see
 * `keyboardShortcuts.isTyping`), nor while a dialog is open (it owns the keyboard then).
 */
import { useEffect, useRef, useState } from 'react';
import { CommandPalette, type PaletteActions } from './CommandPalette';
import { type ShortcutAction, shortcutOf } from './keyboardShortcuts';
import {
  closePanel,
  deleteFromPanel,
  focusFilter,
  focusTable,
  showPanelTab,
  stepPanelTab,
} from './panelCommands';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import './palette.css';

function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;
}

function focusLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/** Moves the table's active row as its own arrow keys do (focusing the table first). */
function moveRow(key: 'ArrowDown' | 'ArrowUp'): boolean {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active.getAttribute('role') !== 'grid') {
    return focusTable();
  }
  active.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  return true;
}

const PANEL_TABS = { details: 'Details', yaml: 'YAML', logs: 'Logs', shell: 'Terminal' } as const;

export function PaletteHost({ actions }: { actions: PaletteActions }) {
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const state = useRef({ paletteOpen, helpOpen });
  state.current = { paletteOpen, helpOpen };

  useEffect(() => {
    const act = (action: ShortcutAction): boolean => {
      if (action === 'palette') {
        setHelpOpen(false);
        setPaletteOpen((open) => !open);
        return true;
      }
      if (state.current.paletteOpen || state.current.helpOpen || dialogOpen()) return false;
      switch (action) {
        case 'help':
          setHelpOpen(true);
          return true;
        case 'filter':
          return focusFilter();
        case 'escape':
          // The table view may have closed the panel on this same Esc already (its own
          // listener); the focus then fell to the page, and goes back to the table.
          return closePanel() || (focusLost() && focusTable());
        case 'next-row':
          return moveRow('ArrowDown');
        case 'previous-row':
          return moveRow('ArrowUp');
        case 'previous-tab':
          return stepPanelTab(-1);
        case 'next-tab':
          return stepPanelTab(1);
        case 'delete':
          return deleteFromPanel();
        default:
          return showPanelTab(PANEL_TABS[action]);
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = shortcutOf(event);
      if (action === 'escape' && event.target instanceof HTMLElement) {
        // Esc in a field or editor belongs to it; elsewhere it closes the panel.
        if (event.target.closest('input, textarea, select, .cm-editor, .xterm')) return;
      }
      if (action && act(action)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} actions={actions} />
      <ShortcutsOverlay open={helpOpen} onOpenChange={setHelpOpen} />
    </>
  );
}
