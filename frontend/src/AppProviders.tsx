/** Everything the views share, in dependency order: selection → refresh → the rest. */
import type { ReactNode } from 'react';
import type { RefreshServices } from './core/refresh/RefreshProvider';
import { RefreshProvider } from './core/refresh/RefreshProvider';
import { DiagnosticsProvider } from './modules/diagnostics/DiagnosticsProvider';
import {
  ClusterSelectionProvider,
  useClusterSelection,
} from './modules/kubernetes/config/ClusterSelectionProvider';
import { NamespaceListingProvider } from './modules/namespace/NamespaceListingProvider';
import { NamespaceSelectionProvider } from './modules/namespace/NamespaceSelectionProvider';
import { ObjectPanelProvider } from './modules/object-panel/ObjectPanelProvider';
import { TerminalDockProvider } from './modules/terminal/TerminalDockProvider';

export function AppProviders({
  children,
  services,
}: {
  children: ReactNode;
  /** For tests: the refresh services to use. */
  services?: RefreshServices;
}) {
  return (
    <ClusterSelectionProvider>
      <SelectedClusterProviders services={services}>{children}</SelectedClusterProviders>
    </ClusterSelectionProvider>
  );
}

function SelectedClusterProviders({
  children,
  services,
}: {
  children: ReactNode;
  services: RefreshServices | undefined;
}) {
  const { selectedIds } = useClusterSelection();
  return (
    <RefreshProvider clusterIds={selectedIds} {...(services ? { services } : {})}>
      <DiagnosticsProvider clusterIds={selectedIds}>
        <NamespaceSelectionProvider>
          <NamespaceListingProvider clusterIds={selectedIds}>
            <ObjectPanelProvider>
              <TerminalDockProvider>{children}</TerminalDockProvider>
            </ObjectPanelProvider>
          </NamespaceListingProvider>
        </NamespaceSelectionProvider>
      </DiagnosticsProvider>
    </RefreshProvider>
  );
}
