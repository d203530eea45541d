/** The `?` overlay: every keyboard shortcut, in a dialog that Esc closes. */
import * as Dialog from '@radix-ui/react-dialog';
import { SHORTCUTS } from './keyboardShortcuts';

export function ShortcutsOverlay({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="palette__overlay" />
        <Dialog.Content className="shortcuts" aria-describedby={undefined}>
          <Dialog.Title className="shortcuts__title">Keyboard shortcuts</Dialog.Title>
          <div className="shortcuts__groups">
            {SHORTCUTS.map((group) => (
              <section key={group.title} className="shortcuts__group">
                <h3>{group.title}</h3>
                <dl>
                  {group.shortcuts.map((shortcut) => (
                    <div key={shortcut.description} className="shortcuts__row">
                      <dt>
                        {shortcut.keys.map((key) => (
                          <kbd key={key}>{key}</kbd>
                        ))}
                      </dt>
                      <dd>{shortcut.description}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
          <Dialog.Close className="header-button shortcuts__close">Close</Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
