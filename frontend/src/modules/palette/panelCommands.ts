/**
 * The open object panel's commands for shortcuts and the palette. They press the panel's own
 * tabs and buttons, so whatever gates those (can-i, protection, a disabled action) gates the
 * shortcut too, and a delete goes through the panel's confirmation.
 */

export type PanelTab = 'Details' | 'YAML' | 'Events' | 'Logs' | 'Terminal' | 'Rollouts';

function shownPanel(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-testid="object-panel"]:not([hidden])');
}

export function panelIsOpen(): boolean {
  return shownPanel() !== null;
}

function tabs(panel: HTMLElement): HTMLButtonElement[] {
  return [...panel.querySelectorAll<HTMLButtonElement>('.object-panel__tabs [role="tab"]')];
}

/** Shows the panel's tab named `name`; false when there is no panel or it has no such tab. */
export function showPanelTab(name: PanelTab): boolean {
  const panel = shownPanel();
  const tab = panel && tabs(panel).find((button) => button.textContent?.trim() === name);
  if (!tab || tab.disabled) return false;
  tab.click();
  tab.focus();
  return true;
}

/** The next (1) or previous (-1) tab, wrapping around. */
export function stepPanelTab(step: 1 | -1): boolean {
  const panel = shownPanel();
  if (!panel) return false;
  const all = tabs(panel).filter((button) => !button.disabled);
  if (all.length === 0) return false;
  const current = all.findIndex((button) => button.getAttribute('aria-selected') === 'true');
  const next = all[(current + step + all.length) % all.length];
  next?.click();
  next?.focus();
  return true;
}

/** Closes the shown panel and puts the focus back on the table it was opened from (once the
 * panel is gone, so its unmounting cannot take the focus with it). */
export function closePanel(): boolean {
  const close = shownPanel()?.querySelector<HTMLButtonElement>('[aria-label="Close object"]');
  if (!close) return false;
  close.click();
  setTimeout(focusTable, 0);
  return true;
}

/** The panel's action buttons that can be pressed now (enabled), by their label. */
export function panelActions(): string[] {
  return actionButtons().flatMap((button) => {
    const label = button.textContent?.trim() ?? '';
    return label && !button.disabled ? [label] : [];
  });
}

/** Presses the panel's action button labelled `label` (a dangerous one asks to confirm). */
export function pressPanelAction(label: string): boolean {
  const button = actionButtons().find((b) => b.textContent?.trim() === label);
  if (!button || button.disabled) return false;
  button.click();
  return true;
}

/** Presses the panel's Delete button (it asks for confirmation); false when there is none. */
export function deleteFromPanel(): boolean {
  const label = panelActions().find((text) => /^Delete\b/.test(text));
  return label !== undefined && pressPanelAction(label);
}

function actionButtons(): HTMLButtonElement[] {
  const panel = shownPanel();
  return panel ? [...panel.querySelectorAll<HTMLButtonElement>('.object-actions button')] : [];
}

/** The current view's table (its grid, not one inside a panel), focused; false when none. */
export function focusTable(): boolean {
  const grid = [...document.querySelectorAll<HTMLElement>('[role="grid"]')].find(
    (element) => !element.closest('[data-testid="object-panel"], [role="dialog"]'),
  );
  if (!grid) return false;
  grid.focus();
  return true;
}

/** The current view's Filter box, focused and selected. */
export function focusFilter(): boolean {
  const input = document.querySelector<HTMLInputElement>('input[aria-label="Filter"]');
  if (!input) return false;
  input.focus();
  input.select();
  return true;
}
