/** The loading, empty and error states every view shows in the same way. */
import type { ReactNode } from 'react';
import type { ContractError } from '../../core/contractError';

export function LoadingState({ children }: { children: ReactNode }) {
  return (
    <p className="state state--loading" role="status">
      {children}
    </p>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="state state--empty">{children}</p>;
}

export function ErrorState({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: ContractError;
  onRetry?: () => void;
}) {
  return (
    <div className="state state--error" role="alert">
      <strong>{title}</strong>
      <span>{error.message}</span>
      <code className="state__code">{error.code}</code>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
