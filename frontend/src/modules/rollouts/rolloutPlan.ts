/**
 * What the Rollouts tab shows and asks: which revision is compared with the current one, the
 * changed lines between their pod templates (with a little context), and the questions of its
 * confirmations, each naming the object, the cluster and the revision.
 */
import type { ObjectRef, Revision } from '../../core/types.generated';
import { objectLabel } from '../object-panel/confirmations';
import { type DiffLine, lineDiff } from './lineDiff';

export type RolloutAction = 'rollback' | 'pause' | 'resume' | 'trigger';

/** The revision shown against the current one: the one before it, else the oldest other. */
export function defaultCompared(revisions: readonly Revision[]): number | null {
  const current = revisions.find((r) => r.current);
  const others = revisions.filter((r) => !r.current);
  if (others.length === 0) return null;
  const before = current ? others.filter((r) => r.revision < current.revision) : [];
  return (before.at(-1) ?? others[0])?.revision ?? null;
}

export interface DiffHunkLine extends DiffLine {
  /** Lines of unchanged context dropped before this one. */
  skipped: number;
}

/** The template diff from `from` to `to`, unchanged lines kept only within `context` of a change. */
export function templateDiff(from: string, to: string, context = 3): DiffHunkLine[] {
  const lines = lineDiff(from.trimEnd(), to.trimEnd());
  const near = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (
      let k = Math.max(0, index - context);
      k <= Math.min(lines.length - 1, index + context);
      k++
    )
      near[k] = true;
  });
  const kept: DiffHunkLine[] = [];
  let skipped = 0;
  lines.forEach((line, index) => {
    if (!near[index]) {
      skipped++;
      return;
    }
    kept.push({ ...line, skipped });
    skipped = 0;
  });
  return kept;
}

/** The confirmation's question and its button; every one names the cluster. */
export function rolloutQuestion(
  action: RolloutAction,
  ref: ObjectRef,
  clusterName: string,
  revision: number | null,
): { question: string; confirm: string } {
  const where = `${objectLabel(ref)} on cluster ${clusterName}`;
  const cronJob = ref.kind === 'CronJob';
  switch (action) {
    case 'rollback':
      return {
        question: `Roll back ${where} to revision ${revision}?`,
        confirm: `Roll back to revision ${revision} on ${clusterName}`,
      };
    case 'trigger':
      return { question: `Run ${where} now?`, confirm: `Start a Job on ${clusterName}` };
    case 'pause':
      return cronJob
        ? { question: `Suspend ${where}?`, confirm: `Suspend on ${clusterName}` }
        : { question: `Pause the rollout of ${where}?`, confirm: `Pause on ${clusterName}` };
    case 'resume':
      return cronJob
        ? { question: `Resume ${where}?`, confirm: `Resume on ${clusterName}` }
        : { question: `Resume the rollout of ${where}?`, confirm: `Resume on ${clusterName}` };
  }
}

/** The button's words for an action on this kind. */
export function rolloutVerb(action: RolloutAction, kind: string): string {
  if (action === 'rollback') return 'Roll back';
  if (action === 'trigger') return 'Trigger now';
  if (kind === 'CronJob') return action === 'pause' ? 'Suspend' : 'Resume';
  return action === 'pause' ? 'Pause rollout' : 'Resume rollout';
}
