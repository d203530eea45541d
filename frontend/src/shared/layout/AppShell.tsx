import type { ReactNode } from 'react';

/** Header across the top, sidebar on the left, main area for the rest. */
export function AppShell({
  header,
  sidebar,
  children,
}: {
  header: ReactNode;
  sidebar: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="shell">
      <header className="shell__header">{header}</header>
      <nav className="shell__sidebar" aria-label="Clusters">
        {sidebar}
      </nav>
      <main className="shell__main">{children}</main>
    </div>
  );
}
