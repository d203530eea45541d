import { HealthStatus } from './modules/health/HealthStatus';
import { ContextCount } from './modules/kubernetes/config/ContextCount';
import { AppShell } from './shared/layout/AppShell';
import { ThemeToggle } from './shared/theme/ThemeToggle';
import { useTheme } from './shared/theme/useTheme';

export function App() {
  const { theme, toggle } = useTheme();
  return (
    <AppShell
      header={
        <>
          <h1>Regatta</h1>
          <HealthStatus />
          <ThemeToggle theme={theme} onToggle={toggle} />
        </>
      }
      sidebar={<ContextCount />}
    >
      <p className="muted">Select clusters to see their resources.</p>
    </AppShell>
  );
}
