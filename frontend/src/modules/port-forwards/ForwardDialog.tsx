/**
 * "Forward port…": which port of the object (offered from its spec, or any number) to which local
 * port (empty: a free one). A Radix Dialog: focus stays inside, Escape or Cancel closes it. The
 * forward goes to the object's own cluster; a refusal (port in use, forbidden) shows here.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useId, useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import type { ObjectRef, PortForward } from '../../core/types.generated';
import { ErrorState } from '../../shared/components/States';
import { startForward } from './forwardApi';
import type { OfferedPort } from './forwardPorts';

const OTHER = 'other';

function portNumber(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

export function ForwardDialog({
  objectRef,
  clusterName,
  ports,
  onStarted,
  onClose,
}: {
  objectRef: ObjectRef;
  clusterName: string;
  ports: readonly OfferedPort[];
  onStarted: (forward: PortForward) => void;
  onClose: () => void;
}) {
  const ids = useId();
  const [choice, setChoice] = useState(ports[0] ? String(ports[0].port) : OTHER);
  const [otherText, setOtherText] = useState('');
  const [localText, setLocalText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const remote = choice === OTHER ? portNumber(otherText) : Number(choice);
  const local = localText.trim() === '' ? null : portNumber(localText);
  const problem =
    remote === null
      ? 'Enter the remote port (1–65535).'
      : localText.trim() !== '' && local === null
        ? 'The local port is a number from 1 to 65535, or empty for a free one.'
        : null;
  const portWord = objectRef.kind === 'Service' ? 'Service port' : 'Container port';
  const target = `${objectRef.kind} ${objectRef.namespace}/${objectRef.name}`;

  const submit = async () => {
    if (remote === null || problem) return;
    setBusy(true);
    setError(null);
    try {
      onStarted(await startForward(objectRef, remote, local));
    } catch (thrown) {
      setError(toContractError(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="forward-dialog__overlay" />
        <Dialog.Content className="forward-dialog" data-testid="forward-dialog">
          <Dialog.Title className="forward-dialog__title">
            Forward a port of {target} on {clusterName}
          </Dialog.Title>
          <Dialog.Description className="forward-dialog__description muted">
            Listens on 127.0.0.1 only; each connection goes through cluster {clusterName}'s API
            server to {objectRef.kind === 'Pod' ? 'the pod' : 'a ready pod'}.
          </Dialog.Description>
          <form
            className="forward-dialog__form"
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <label htmlFor={`${ids}-remote`}>{portWord}</label>
            <div className="forward-dialog__remote">
              {ports.length > 0 && (
                <select
                  id={`${ids}-remote`}
                  value={choice}
                  onChange={(event) => setChoice(event.target.value)}
                >
                  {ports.map((port) => (
                    <option key={port.port} value={String(port.port)}>
                      {port.label}
                    </option>
                  ))}
                  <option value={OTHER}>Another port…</option>
                </select>
              )}
              {choice === OTHER && (
                <input
                  id={ports.length > 0 ? undefined : `${ids}-remote`}
                  aria-label={ports.length > 0 ? `Other ${portWord.toLowerCase()}` : undefined}
                  inputMode="numeric"
                  placeholder="8080"
                  value={otherText}
                  onChange={(event) => setOtherText(event.target.value)}
                />
              )}
            </div>
            <label htmlFor={`${ids}-local`}>Local port</label>
            <input
              id={`${ids}-local`}
              inputMode="numeric"
              placeholder="any free port"
              value={localText}
              onChange={(event) => setLocalText(event.target.value)}
            />
            {problem && remote !== null && <p className="forward-dialog__problem">{problem}</p>}
            {error && <ErrorState title="The forward could not start." error={error} />}
            <div className="forward-dialog__buttons">
              <Dialog.Close asChild>
                <button type="button">Cancel</button>
              </Dialog.Close>
              <button
                type="submit"
                className="forward-dialog__start"
                disabled={busy || problem !== null}
                title={problem ?? undefined}
              >
                {busy ? 'Starting…' : `Forward on ${clusterName}`}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
