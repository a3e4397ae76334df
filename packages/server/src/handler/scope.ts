import { InvalidParamsError } from '@baton/protocol';

import { ANONYMOUS_CALLER, type Caller } from '../caller.js';
import { type CallContext } from '../request-handler.js';
import { type TaskScope } from '../task-scope.js';

/** The caller, tenant and store scope of a call. */
export interface ResolvedScope {
  caller: Caller;
  tenant: string;
  scope: TaskScope;
}

/**
 * Who is calling and which slice of the store they see: the context's caller (anonymous when
 * absent) and tenant (`context.tenant ?? params.tenant ?? ''`).
 */
export function resolveScope(
  context: CallContext,
  paramsTenant: string | undefined,
): ResolvedScope {
  const caller = context.caller ?? ANONYMOUS_CALLER;
  const tenant = context.tenant ?? paramsTenant ?? '';
  return { caller, tenant, scope: { tenant, owner: caller.id } };
}

/** Throws `InvalidParamsError` for a negative or non-integer `historyLength`. */
export function checkHistoryLength(value: number | undefined, field = 'historyLength'): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidParamsError(`${field} must be a non-negative integer`, {
      fieldViolations: [{ field, description: 'must be a non-negative integer' }],
    });
  }
}
