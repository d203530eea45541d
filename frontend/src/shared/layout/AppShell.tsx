import type { ReactNode } from 'react';

/**
 * Header across the top; sidebar on the left; the main view; on the right the object panel slot
 * and the diagnostics and port-forwards panels when they are open; the terminal dock at the bottom.
 */
export function AppShell({
  header,
  sidebar,
  children,
  objectPanel,
  diagnostics,
  forwards,
  dock,
}: {
  header: ReactNode;
  sidebar: ReactNode;
  children: ReactNode;
  objectPanel?: ReactNode;
  diagnostics?: ReactNode;
  forwards?: ReactNode;
  /** The terminal dock (renders nothing while no session is open). */
  dock?: ReactNode;
}) {
  return (
    <div className="shell" data-object-panel={objectPanel ? 'open' : undefined}>
      <header className="shell__header">{header}</header>
      <nav className="shell__sidebar" aria-label="Views and namespaces">
        {sidebar}
      </nav>
      <main className="shell__main">{children}</main>
      {(objectPanel || diagnostics || forwards) && (
        <div className="shell__side">
          {forwards}
          {objectPanel}
          {diagnostics}
        </div>
      )}
      {dock}
    </div>
  );
}
