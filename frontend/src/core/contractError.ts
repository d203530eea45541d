/**
 * The error every backend call throws: it carries the contract's error shape (CONTRACT §4),
 * `{error: {code, message, ...context}}`, whichever way the call travelled.
 */

import type { BridgeError, ErrorBody, ErrorDetail } from './types.generated';

export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly error: ErrorDetail;
  /** HTTP status when the backend gave one; null for failures that never reached it. */
  readonly status: number | null;

  constructor(error: ErrorDetail, status: number | null = null) {
    super(error.message);
    this.error = error;
    this.status = status;
  }

  get code(): string {
    return this.error.code;
  }
}

/** Whether `value` is a contract error body, `{error: {code: string, message: string}}` (from
 * the bridge with its `status`). */
export function isErrorBody(value: unknown): value is ErrorBody & Partial<BridgeError> {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** Any thrown value as a ContractError, so callers handle one kind of failure. */
export function toContractError(thrown: unknown, fallbackCode = 'unexpected_error'): ContractError {
  if (thrown instanceof ContractError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new ContractError({ code: fallbackCode, message });
}
