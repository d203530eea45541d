import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  closePanel,
  deleteFromPanel,
  focusFilter,
  focusTable,
  panelActions,
  pressPanelAction,
  showPanelTab,
  stepPanelTab,
} from './panelCommands';

/** The parts of the object panel and a table view the commands press (their real markup). */
function mount({ deleteDisabled = false } = {}) {
  document.body.innerHTML = `
    <main>
      <input type="search" aria-label="Filter" value="old" />
      <table role="grid" tabindex="0" aria-label="Workloads"></table>
    </main>
    <aside data-testid="object-panel">
      <button aria-label="Close object">×</button>
      <section class="object-actions"><button>Scale</button><button ${deleteDisabled ? 'disabled' : ''}>Delete</button></section>
      <div class="object-panel__tabs" role="tablist">
        <button role="tab" aria-selected="true">Details</button>
        <button role="tab" aria-selected="false">YAML</button>
        <button role="tab" aria-selected="false">Logs</button>
      </div>
    </aside>`;
  const clicked: string[] = [];
  for (const button of document.querySelectorAll('button')) {
    button.addEventListener('click', () => {
      clicked.push(button.textContent ?? '');
      if (button.getAttribute('role') === 'tab') {
        for (const tab of document.querySelectorAll('[role="tab"]')) {
          tab.setAttribute('aria-selected', String(tab === button));
        }
      }
    });
  }
  return clicked;
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('panel commands', () => {
  it('show a tab by name and step through the tabs, wrapping around', () => {
    const clicked = mount();
    expect(showPanelTab('Logs')).toBe(true);
    expect(document.activeElement?.textContent).toBe('Logs');
    expect(stepPanelTab(1)).toBe(true);
    expect(stepPanelTab(-1)).toBe(true);
    expect(stepPanelTab(-1)).toBe(true);
    expect(clicked).toEqual(['Logs', 'Details', 'Logs', 'YAML']);
    expect(showPanelTab('Terminal')).toBe(false);
  });

  it('actions press the panel’s own buttons (Ctrl+D its Delete), never a disabled one', () => {
    expect(mount()).toEqual([]);
    const clicked = mount();
    expect(panelActions()).toEqual(['Scale', 'Delete']);
    expect(pressPanelAction('Scale')).toBe(true);
    expect(deleteFromPanel()).toBe(true);
    expect(clicked).toEqual(['Scale', 'Delete']);
    const gated = mount({ deleteDisabled: true });
    expect(panelActions()).toEqual(['Scale']);
    expect(deleteFromPanel()).toBe(false);
    expect(pressPanelAction('Delete')).toBe(false);
    expect(gated).toEqual([]);
  });

  it('close the panel and give the table the focus back', () => {
    vi.useFakeTimers();
    const clicked = mount();
    expect(closePanel()).toBe(true);
    vi.runAllTimers();
    expect(clicked).toEqual(['×']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Workloads');
  });

  it('do nothing without a panel; / focuses the filter with its text selected', () => {
    document.body.innerHTML = '<input type="search" aria-label="Filter" value="old" />';
    expect(showPanelTab('Logs')).toBe(false);
    expect(closePanel()).toBe(false);
    expect(focusTable()).toBe(false);
    expect(focusFilter()).toBe(true);
    const input = document.activeElement as HTMLInputElement;
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, 3]);
  });
});
