import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClusterSettingsView } from '../core/types.generated';

const pending: Array<(view: ClusterSettingsView) => void> = [];
vi.mock('../core/http', () => ({
  requestJson: () => new Promise<ClusterSettingsView>((resolve) => pending.push(resolve)),
}));

const { clusterSettingsOf, loadClusterSettings, saveClusterRules } = await import(
  './clusterSettings'
);

function view(alias: string | null): ClusterSettingsView {
  return {
    rules: [],
    clusters: [
      { clusterId: 'dev.yaml:beta', clusterName: 'beta', alias, color: null, protection: 'none' },
    ],
    problems: [],
  };
}

afterEach(() => {
  pending.length = 0;
});

describe('cluster settings', () => {
  it('keeps a saved alias when a read that started before the save answers after it', async () => {
    const load = loadClusterSettings();
    const save = saveClusterRules([]);
    pending[1]?.(view('b-short'));
    await save;
    pending[0]?.(view(null));
    await load;
    expect(clusterSettingsOf('dev.yaml:beta')?.alias).toBe('b-short');
  });

  // A read asked while a save is in flight may have been served before the save was written.
  it('keeps a saved alias when a read asked during the save answers first', async () => {
    const save = saveClusterRules([]);
    const load = loadClusterSettings();
    pending[1]?.(view(null));
    await load;
    pending[0]?.(view('b-short'));
    await save;
    expect(clusterSettingsOf('dev.yaml:beta')?.alias).toBe('b-short');
  });

  it('keeps a saved alias when a read asked during the save answers after it', async () => {
    const save = saveClusterRules([]);
    const load = loadClusterSettings();
    pending[0]?.(view('b-short'));
    await save;
    pending[1]?.(view(null));
    await load;
    expect(clusterSettingsOf('dev.yaml:beta')?.alias).toBe('b-short');
  });

  it('publishes a read asked after the save answered', async () => {
    const save = saveClusterRules([]);
    pending[0]?.(view('b-short'));
    await save;
    const load = loadClusterSettings();
    pending[1]?.(view('b-shorter'));
    await load;
    expect(clusterSettingsOf('dev.yaml:beta')?.alias).toBe('b-shorter');
  });

  it('publishes a read that answers in order', async () => {
    const load = loadClusterSettings();
    pending[0]?.(view('first'));
    await load;
    expect(clusterSettingsOf('dev.yaml:beta')?.alias).toBe('first');
  });
});
