import { describe, expect, it } from 'vitest';
import { offeredPorts, openUrl } from './forwardPorts';

describe('offeredPorts', () => {
  it('offers a service its TCP service ports, naming the target', () => {
    const summary = {
      ports: [
        { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { port: 9000, targetPort: 'metrics' },
      ],
    };
    expect(offeredPorts('Service', summary)).toEqual([
      { port: 80, label: '80 (http, → 8080)' },
      { port: 9000, label: '9000 (→ metrics)' },
    ]);
  });

  it('offers pods and workloads their containers’ ports once each', () => {
    const summary = {
      ports: [
        { container: 'web', name: 'http', containerPort: 8080, protocol: 'TCP' },
        { container: 'side', name: null, containerPort: 8080, protocol: 'TCP' },
        { container: 'side', name: 'admin', containerPort: 9901, protocol: 'TCP' },
      ],
    };
    expect(offeredPorts('Deployment', summary)).toEqual([
      { port: 8080, label: '8080 (http, web)' },
      { port: 9901, label: '9901 (admin, side)' },
    ]);
    expect(offeredPorts('Pod', {})).toEqual([]);
  });
});

describe('openUrl', () => {
  it('opens web ports only, https for the TLS ones', () => {
    expect(openUrl(8080, 41234)).toBe('http://127.0.0.1:41234/');
    expect(openUrl(443, 41234)).toBe('https://127.0.0.1:41234/');
    expect(openUrl(5432, 41234)).toBeNull();
  });
});
