import {
  type AgentInterface,
  METHODS,
  type OperationName,
  type OperationParams,
} from '@baton/protocol';

import { type CarrierResponse } from './carrier/carrier.js';
import { type ClientInterceptor, type InterceptedRequest } from './interceptors.js';
import { backoffDelay, isRetryableError, isRetryableStatus, type RetryOptions } from './retry.js';
import { delay } from './signals.js';
import { type Transport } from './transport.js';

/** Everything one exchange needs to know about the client. */
export interface ExchangeTarget {
  agentInterface: AgentInterface;
  transport: Transport;
  interceptors: readonly ClientInterceptor[];
  /** Headers added to every request. */
  headers: Headers;
}

/** One exchange's own settings. */
export interface ExchangeOptions {
  signal: AbortSignal;
  retry: Required<RetryOptions>;
  extensions: readonly string[];
  headers?: HeadersInit | undefined;
  lastEventId?: string | undefined;
  /** First attempt number reported to interceptors (resumed streams continue counting). */
  firstAttempt?: number | undefined;
}

async function release(response: CarrierResponse): Promise<void> {
  await response.close?.();
}

/**
 * Sends one operation and returns the raw response: runs the interceptors, retries idempotent
 * operations with backoff on network errors, 429 and 5xx, and honours one interceptor-requested
 * retry (a refreshed token after 401).
 */
export async function exchange<Op extends OperationName>(
  target: ExchangeTarget,
  operation: Op,
  params: OperationParams<Op>,
  options: ExchangeOptions,
): Promise<CarrierResponse> {
  const { codec, carrier } = target.transport;
  const info = METHODS[operation];
  const streaming = info.streaming;
  let attempt = options.firstAttempt ?? 1;
  let tries = 0;
  let interceptorRetried = false;
  for (; ; attempt++) {
    tries++;
    const encoded = codec.encode(operation, params, {
      url: target.agentInterface.url,
      tenant: target.agentInterface.tenant,
      extensions: options.extensions,
    });
    const headers = new Headers(target.headers);
    new Headers(options.headers).forEach((value, key) => headers.set(key, value));
    encoded.headers.forEach((value, key) => headers.set(key, value));
    // Visible to interceptors; carriers without headers take `lastEventId` itself.
    if (options.lastEventId !== undefined) headers.set('Last-Event-ID', options.lastEventId);
    const request: InterceptedRequest = {
      operation,
      params,
      url: encoded.url,
      method: encoded.method,
      headers,
      interface: target.agentInterface,
      streaming,
      attempt,
      signal: options.signal,
      state: new Map(),
    };
    for (const interceptor of target.interceptors) await interceptor.before?.(request);
    let response: CarrierResponse;
    try {
      response = await carrier.send({
        operation,
        url: request.url,
        method: request.method,
        headers: request.headers,
        body: encoded.body,
        streaming,
        signal: options.signal,
        lastEventId: options.lastEventId,
      });
    } catch (error) {
      for (const interceptor of target.interceptors) await interceptor.error?.(request, error);
      if (info.idempotent && isRetryableError(error) && tries < options.retry.maxAttempts) {
        await delay(backoffDelay(options.retry, tries), options.signal);
        continue;
      }
      throw error;
    }
    let retryAsked = false;
    for (const interceptor of target.interceptors) {
      const verdict = await interceptor.after?.({
        request,
        status: response.status,
        headers: response.headers,
      });
      if (verdict?.retry) retryAsked = true;
    }
    if (retryAsked && !interceptorRetried) {
      interceptorRetried = true;
      await release(response);
      continue;
    }
    if (
      info.idempotent &&
      isRetryableStatus(response.status) &&
      tries < options.retry.maxAttempts
    ) {
      await release(response);
      const wait = backoffDelay(options.retry, tries, response.headers.get('Retry-After'));
      await delay(wait, options.signal);
      continue;
    }
    return response;
  }
}
