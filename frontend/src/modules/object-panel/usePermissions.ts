/**
 * What the user may do with one object, asked of its own cluster (`can-i`) when the panel opens.
 * Until the answer arrives every action is disabled; when the question itself fails, actions
 * stay enabled (the backend checks again and a refusal is shown).
 */
import { useCallback } from 'react';
import type { ContractError } from '../../core/contractError';
import type { ObjectRef } from '../../core/types.generated';
import { useLoad } from '../../shared/hooks/useLoad';
import { checkPermissions, type ObjectAction } from './objectApi';

export interface ActionAllowance {
  applicable: boolean;
  allowed: boolean;
  /** Why the action is not allowed; the disabled button's title. */
  reason: string | undefined;
}

export interface Permissions {
  allowanceOf: (action: ObjectAction) => ActionAllowance;
  error: ContractError | null;
}

const CHECKING: ActionAllowance = {
  applicable: true,
  allowed: false,
  reason: 'Checking permissions…',
};
const UNCHECKED: ActionAllowance = { applicable: true, allowed: true, reason: undefined };

export function usePermissions(ref: ObjectRef): Permissions {
  const load = useCallback(() => checkPermissions(ref), [ref]);
  const state = useLoad(load);
  const allowanceOf = useCallback(
    (action: ObjectAction): ActionAllowance => {
      if (state.status === 'loading') return CHECKING;
      if (state.status === 'failed') return UNCHECKED;
      const answer = state.value.actions.find((permission) => permission.action === action);
      if (!answer) return UNCHECKED;
      return {
        applicable: answer.applicable,
        allowed: answer.applicable && answer.allowed,
        reason: answer.allowed ? undefined : (answer.reason ?? 'Not allowed.'),
      };
    },
    [state],
  );
  return { allowanceOf, error: state.status === 'failed' ? state.error : null };
}
