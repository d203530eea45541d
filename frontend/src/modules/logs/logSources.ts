/** What the logs view follows, and how a line names its source. */

import { parseClusterId } from '../../core/refresh/clusterId';
import { podScope } from '../../core/refresh/scopes';
import type { LogLine, SourceStatus } from '../../core/types.generated';

export interface LogTarget {
  clusterId: string;
  clusterName: string;
  namespace: string;
  pod: string;
  container?: string;
}

/** The stream scope of a target: `clusterId|pod:<ns>/<pod>[/<container>]`. */
export function targetScope(target: LogTarget): string {
  return podScope(target.clusterId, target.namespace, target.pod, target.container);
}

/** A line's source key: cluster, pod and container (lines of one key keep their order). */
export function sourceKey(
  line: Pick<LogLine, 'clusterId' | 'namespace' | 'pod' | 'container'>,
): string {
  return `${line.clusterId}|${line.namespace}/${line.pod}/${line.container}`;
}

/** The prefix a line is shown with: `clusterName ns/pod/container`. */
export function sourceLabel(
  line: Pick<LogLine, 'clusterName' | 'namespace' | 'pod' | 'container'>,
): string {
  return `${line.clusterName} ${line.namespace}/${line.pod}${line.container ? `/${line.container}` : ''}`;
}

/**
 * A stream status's source as people read it: `alpha shop/web-1/web` for the source
 * `dev.yaml:alpha|pod:shop/web-1/web`.
 */
export function statusSourceLabel(status: Pick<SourceStatus, 'clusterId' | 'source'>): string {
  const bar = status.source.indexOf('|');
  const tail = bar < 0 ? status.source : status.source.slice(bar + 1).replace(/^pod:/, '');
  let clusterName = status.clusterId;
  try {
    clusterName = parseClusterId(status.clusterId).context;
  } catch {
    // Keep the id as it is.
  }
  return `${clusterName} ${tail}`;
}

export function isLogLine(value: unknown): value is LogLine {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as Partial<Record<keyof LogLine, unknown>>;
  return (
    typeof line.clusterId === 'string' &&
    typeof line.line === 'string' &&
    typeof line.pod === 'string' &&
    typeof line.timestamp === 'string'
  );
}
