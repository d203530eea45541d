/**
 * The ports a "Forward port…" dialog offers, from the details summary: a Service's ports (the
 * forward names the service port), otherwise the containers' declared ports. And which local
 * addresses are worth an "Open" link: well-known HTTP ports.
 */
import type { DeclaredPort } from '../../core/types.generated';

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

/** The TCP ports, each once, labelled with their name and their container or target. */
export function offeredPorts(ports: readonly DeclaredPort[]): OfferedPort[] {
  const seen = new Set<number>();
  const offered: OfferedPort[] = [];
  for (const { port, protocol, name, container, targetPort } of ports) {
    if (protocol !== 'TCP' || seen.has(port)) continue;
    seen.add(port);
    const target = targetPort !== null && targetPort !== String(port) ? `→ ${targetPort}` : null;
    const words = [name, container ?? target].filter((word) => word);
    offered.push({ port, label: words.length ? `${port} (${words.join(', ')})` : String(port) });
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
