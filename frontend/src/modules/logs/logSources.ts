/** What the logs view follows, and how a line names its source. */
import { podScope } from '../../core/refresh/scopes';
import type { LogLine } from '../../core/types.generated';

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
