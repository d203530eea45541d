import { describe, expect, it } from 'vitest';
import type { DeclaredPort } from '../../core/types.generated';
import { offeredPorts, openUrl } from './forwardPorts';

describe('offeredPorts', () => {
  const port = (overrides: Partial<DeclaredPort> & { port: number }): DeclaredPort => ({
    protocol: 'TCP',
    name: null,
    container: null,
    targetPort: null,
    ...overrides,
  });

  it('offers a service its TCP service ports, naming the target', () => {
    const ports = [
      port({ name: 'http', port: 80, targetPort: '8080' }),
      port({ name: 'dns', port: 53, targetPort: '53', protocol: 'UDP' }),
      port({ port: 9000, targetPort: 'metrics' }),
      port({ port: 9100, targetPort: '9100' }),
    ];
    expect(offeredPorts(ports)).toEqual([
      { port: 80, label: '80 (http, → 8080)' },
      { port: 9000, label: '9000 (→ metrics)' },
      { port: 9100, label: '9100' },
    ]);
  });

  it('offers pods and workloads their containers’ ports once each', () => {
    const ports = [
      port({ container: 'web', name: 'http', port: 8080 }),
      port({ container: 'side', port: 8080 }),
      port({ container: 'side', name: 'admin', port: 9901 }),
    ];
    expect(offeredPorts(ports)).toEqual([
      { port: 8080, label: '8080 (http, web)' },
      { port: 9901, label: '9901 (admin, side)' },
    ]);
    expect(offeredPorts([])).toEqual([]);
  });
});

describe('openUrl', () => {
  it('opens web ports only, https for the TLS ones', () => {
    expect(openUrl(8080, 41234)).toBe('http://127.0.0.1:41234/');
    expect(openUrl(443, 41234)).toBe('https://127.0.0.1:41234/');
    expect(openUrl(5432, 41234)).toBeNull();
  });
});
