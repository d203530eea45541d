import { useState } from 'react';
import { AppProviders } from './AppProviders';
import type { RefreshServices } from './core/refresh/RefreshProvider';
import { DiagnosticsPanel } from './modules/diagnostics/DiagnosticsPanel';
import { HealthStatus } from './modules/health/HealthStatus';
import { KubeconfigSelector } from './modules/kubernetes/config/KubeconfigSelector';
import { NamespaceSidebar } from './modules/namespace/NamespaceSidebar';
import { useObjectPanel } from './modules/object-panel/ObjectPanelProvider';
import { ObjectPanelSlot } from './modules/object-panel/ObjectPanelSlot';
import { PaletteHost } from './modules/palette/PaletteHost';
import { PortForwardsButton } from './modules/port-forwards/PortForwardsButton';
import { PortForwardsPanel } from './modules/port-forwards/PortForwardsPanel';
import { ClusterSettingsButton } from './modules/protection/ClusterSettingsDialog';
import { TerminalDock } from './modules/terminal/TerminalDock';
import { CurrentView } from './modules/views/CurrentView';
import { useViewRoute } from './modules/views/useViewRoute';
import { ViewNav } from './modules/views/ViewNav';
import { AppShell } from './shared/layout/AppShell';
import { ThemeToggle } from './shared/theme/ThemeToggle';
import { useTheme } from './shared/theme/useTheme';

export function App({ services }: { services?: RefreshServices } = {}) {
  return (
    <AppProviders {...(services ? { services } : {})}>
      <Layout />
    </AppProviders>
  );
}

function Layout() {
  const { theme, toggle } = useTheme();
  const [viewId] = useViewRoute();
  const [diagnosticsOpen, setDiagnosticsOpen] = useState(false);
  const [forwardsOpen, setForwardsOpen] = useState(false);
  const { current: openedObject } = useObjectPanel();
  return (
    <AppShell
      header={
        <>
          <h1>Regatta</h1>
          <KubeconfigSelector />
          <HealthStatus />
          <button
            type="button"
            className="header-button"
            aria-pressed={diagnosticsOpen}
            onClick={() => setDiagnosticsOpen((open) => !open)}
          >
            Diagnostics
          </button>
          <PortForwardsButton open={forwardsOpen} onToggle={() => setForwardsOpen((o) => !o)} />
          <ClusterSettingsButton />
          <ThemeToggle theme={theme} onToggle={toggle} />
        </>
      }
      sidebar={
        <>
          <ViewNav current={viewId} />
          <NamespaceSidebar />
        </>
      }
      objectPanel={openedObject ? <ObjectPanelSlot /> : null}
      dock={<TerminalDock />}
      forwards={forwardsOpen ? <PortForwardsPanel onClose={() => setForwardsOpen(false)} /> : null}
      diagnostics={
        diagnosticsOpen ? <DiagnosticsPanel onClose={() => setDiagnosticsOpen(false)} /> : null
      }
    >
      <CurrentView viewId={viewId} />
      <PaletteHost
        actions={{
          themeLabel: `Use ${theme === 'dark' ? 'light' : 'dark'} theme`,
          toggleTheme: toggle,
          toggleDiagnostics: () => setDiagnosticsOpen((open) => !open),
          toggleForwards: () => setForwardsOpen((open) => !open),
        }}
      />
    </AppShell>
  );
}
