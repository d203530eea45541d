/**
 * A filter-bar button ("Label: summary") that opens a checklist panel below it: a non-modal Radix
 * dialog, so Escape, a click outside or the button again closes it, and Escape gives the focus
 * back to the button. The panel is a fieldset named by the label (a group of checkboxes).
 */
import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';

export function Dropdown({
  label,
  summary,
  active,
  testId,
  children,
}: {
  label: string;
  summary: string;
  /** Something is chosen: the button is marked. */
  active: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Dialog.Root modal={false}>
      <div className="multi-select">
        <Dialog.Trigger asChild>
          <button
            type="button"
            className="multi-select__button"
            aria-label={`${label}: ${summary}`}
            data-active={active || undefined}
          >
            <span className="multi-select__label">{label}</span>
            <span className="multi-select__summary">{summary}</span>
          </button>
        </Dialog.Trigger>
        <Dialog.Content asChild role="group" aria-describedby={undefined}>
          <fieldset className="multi-select__panel" data-testid={testId}>
            <Dialog.Title asChild>
              <legend className="visually-hidden">{label}</legend>
            </Dialog.Title>
            {children}
          </fieldset>
        </Dialog.Content>
      </div>
    </Dialog.Root>
  );
}
