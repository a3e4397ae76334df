import { type ProtocolVersion } from '@baton/protocol';

/** The `A2A-Version` header, sent on every 1.0 request (spec §7). */
export const VERSION_HEADER = 'A2A-Version';

/**
 * Service-parameter headers: `A2A-Version` and `A2A-Extensions` in 1.0; in 0.3 no version header
 * and `X-A2A-Extensions`.
 */
export function serviceHeaders(
  version: ProtocolVersion,
  extensions: readonly string[] | undefined,
): Headers {
  const headers = new Headers();
  if (version !== '0.3') headers.set(VERSION_HEADER, version);
  if (extensions && extensions.length > 0) {
    headers.set(version === '0.3' ? 'X-A2A-Extensions' : 'A2A-Extensions', extensions.join(','));
  }
  return headers;
}

/** Copies the interface's tenant into params that do not name one (spec §4.4.6). */
export function withTenant<P>(params: P, tenant: string | undefined): P {
  if (tenant === undefined || tenant === '') return params;
  const record = (params ?? {}) as Record<string, unknown>;
  return (record.tenant === undefined ? { ...record, tenant } : record) as P;
}
