/**
 * The ports a "Forward port…" dialog offers, read from the object's spec as the details summary
 * carries it: a Service's ports (the forward names the service port), otherwise the containers'
 * declared ports. And which local addresses are worth an "Open" link: well-known HTTP ports.
 */
import type { JsonValue } from '../../core/types.generated';

export interface OfferedPort {
  port: number;
  /** "http (web)" — the port's name and its container, or the service's target. */
  label: string;
}

/** The kinds a forward may name, and their API group. */
export const FORWARDABLE_KINDS: Readonly<Record<string, string>> = {
  Pod: '',
  Service: '',
  Deployment: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  ReplicaSet: 'apps',
};

type Entry = Record<string, JsonValue>;

function entries(value: JsonValue | undefined): Entry[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is Entry => typeof item === 'object' && item !== null);
}

export function offeredPorts(kind: string, summary: Record<string, JsonValue>): OfferedPort[] {
  const seen = new Set<number>();
  const offered: OfferedPort[] = [];
  const offer = (port: JsonValue | undefined, parts: (JsonValue | undefined)[]) => {
    if (typeof port !== 'number' || seen.has(port)) return;
    seen.add(port);
    const words = parts.filter((part) => typeof part === 'string' || typeof part === 'number');
    offered.push({ port, label: words.length ? `${port} (${words.join(', ')})` : String(port) });
  };
  if (kind === 'Service') {
    for (const entry of entries(summary.ports)) {
      if ((entry.protocol ?? 'TCP') !== 'TCP') continue;
      const target = entry.targetPort ?? entry.port;
      offer(entry.port, [entry.name, target !== entry.port ? `→ ${target}` : undefined]);
    }
  } else {
    for (const entry of entries(summary.ports)) {
      if ((entry.protocol ?? 'TCP') !== 'TCP') continue;
      offer(entry.containerPort, [entry.name, entry.container]);
    }
  }
  return offered;
}

const HTTP_PORTS = new Set([80, 3000, 4200, 5000, 5173, 8000, 8080, 8081, 8888, 9000, 9090]);
const HTTPS_PORTS = new Set([443, 8443]);

/** The URL to open for a forward of `remotePort`, or null when it is not a web port. */
export function openUrl(remotePort: number, localPort: number): string | null {
  if (HTTPS_PORTS.has(remotePort)) return `https://127.0.0.1:${localPort}/`;
  if (HTTP_PORTS.has(remotePort)) return `http://127.0.0.1:${localPort}/`;
  return null;
}
