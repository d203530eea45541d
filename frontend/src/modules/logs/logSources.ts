/** What the logs view follows, and how a line names its source. */

import { parseClusterId } from '../../core/refresh/clusterId';
import { parseScope, podScope } from '../../core/refresh/scopes';
import type { LogLine, SourceStatus } from '../../core/types.generated';
import { clusterNameOf } from '../object-panel/clusterNameOf';

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

/**
 * A stream status's source as people read it: `alpha shop/web-1/web` for the source
 * `dev.yaml:alpha|pod:shop/web-1/web`.
 */
export function statusSourceLabel(status: Pick<SourceStatus, 'clusterId' | 'source'>): string {
  const bar = status.source.indexOf('|');
  const tail = bar < 0 ? status.source : status.source.slice(bar + 1).replace(/^pod:/, '');
  return `${clusterNameOf(status.clusterId)} ${tail}`;
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

/** A cluster's short name for a chip: an ARN's last part (`…:cluster/gamma` → `gamma`). */
export function clusterAlias(clusterName: string): string {
  const slash = clusterName.lastIndexOf('/');
  return slash >= 0 && clusterName.startsWith('arn:') ? clusterName.slice(slash + 1) : clusterName;
}

/** A Deployment pod's name `<name>-<template hash>-<suffix>`. */
const REPLICA_POD = /^(.+)-[a-z0-9]{6,10}-([a-z0-9]{5})$/;

/**
 * The short label after the chip: `pod/container` (the namespace is in the tooltip), with a
 * Deployment pod's template hash left out (`web-…5hbck`): the part that tells its pods apart
 * stays visible when the label is cut.
 */
export function shortSourceLabel(line: Pick<LogLine, 'pod' | 'container'>): string {
  const replica = REPLICA_POD.exec(line.pod);
  const pod = replica ? `${replica[1]}-…${replica[2]}` : line.pod;
  return line.container ? `${pod}/${line.container}` : pod;
}

/** The full source, for a tooltip: `clusterId ns/pod/container`. */
export function fullSourceLabel(line: Parameters<typeof sourceKey>[0]): string {
  return sourceKey(line).replace('|', ' ');
}

/** The pod targets among a session's scopes (workload scopes are not pods to pick). */
export function podTargetsOf(scopes: readonly string[]): LogTarget[] {
  const targets: LogTarget[] = [];
  for (const scope of scopes) {
    try {
      const { clusterId, tail } = parseScope(scope);
      if (tail.kind !== 'pod') continue;
      targets.push({
        clusterId,
        clusterName: parseClusterId(clusterId).context,
        namespace: tail.namespace,
        pod: tail.pod,
        container: tail.container,
      });
    } catch {
      // Not a scope this client made: not a pod to pick.
    }
  }
  return targets;
}
