/** The header's "Port-forwards" toggle, with how many run (the panel lists them). */
import { usePortForwards } from './forwardStore';

export function PortForwardsButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const count = usePortForwards().length;
  return (
    <button
      type="button"
      className="header-button"
      aria-pressed={open}
      onClick={onToggle}
      data-testid="forwards-button"
    >
      Port-forwards{count > 0 ? ` (${count})` : ''}
    </button>
  );
}
