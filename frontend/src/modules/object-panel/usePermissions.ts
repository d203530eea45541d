/**
 * What can be done with one object, asked of its own cluster (`can-i`) when the panel opens: which
 * actions fit its kind (`applicable`) and which the user may do. Until the answer arrives no
 * action button is shown; when the question fails it is asked again on request, and again by
 * itself when the cluster's health changes (a frozen cluster that comes back answers).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractError } from '../../core/contractError';
import type { ActionPermission, ObjectRef } from '../../core/types.generated';
import { useLoad } from '../../shared/hooks/useLoad';
import { checkPermissions, type ObjectAction } from './objectApi';

export interface ActionAllowance {
  allowed: boolean;
  /** Why the action is not allowed; the disabled control's title. */
  reason: string | undefined;
}

export interface Permissions {
  /** The can-i answers, or null while asking or after a failure. */
  answers: readonly ActionPermission[] | null;
  error: ContractError | null;
  /** Ask again (after a failure). */
  retry: () => void;
}

export function usePermissions(ref: ObjectRef, clusterHealth: string | undefined): Permissions {
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` asks again
  const load = useCallback(() => checkPermissions(ref), [ref, attempt]);
  const state = useLoad(load);
  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  const failed = state.status === 'failed';
  const seenHealth = useRef(clusterHealth);
  useEffect(() => {
    if (seenHealth.current === clusterHealth) return;
    seenHealth.current = clusterHealth;
    if (failed) retry();
  }, [clusterHealth, failed, retry]);
  return {
    answers: state.status === 'loaded' ? state.value.actions : null,
    error: failed ? state.error : null,
    retry,
  };
}

/** May `action` be done: not while the cluster is blocked or can-i is still being asked; an
 * action can-i did not answer about is left to the backend, which checks again. */
export function allowanceOf(
  answers: readonly ActionPermission[] | null,
  action: ObjectAction,
  blocked: string | null,
): ActionAllowance {
  if (blocked) return { allowed: false, reason: blocked };
  if (!answers) return { allowed: false, reason: 'Checking permissions…' };
  const answer = answers.find((permission) => permission.action === action);
  if (!answer || (answer.applicable && answer.allowed)) return { allowed: true, reason: undefined };
  return { allowed: false, reason: answer.reason ?? 'Not allowed.' };
}

/** The YAML tab's Apply: also allowed when can-i could not be asked (the backend checks again). */
export function applyAllowanceOf(
  permissions: Permissions,
  blocked: string | null,
): ActionAllowance {
  if (permissions.error && !blocked) return { allowed: true, reason: undefined };
  return allowanceOf(permissions.answers, 'apply', blocked);
}
