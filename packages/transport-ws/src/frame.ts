import {
  type JsonRpcDialect,
  type JsonRpcId,
  methodByJsonRpcName,
  METHODS,
  parseProtocolVersion,
  type ProtocolVersion,
} from '@baton/protocol';

import { type ServiceParameters } from './wire.js';

/** A parsed frame as far as the transport looks into it; the dispatcher does the rest. */
export interface IncomingFrame {
  /** The frame is a JSON object (anything else goes to the dispatcher for its -32600). */
  object: Record<string, unknown> | undefined;
  /** `method` when it is a string. */
  method: string | undefined;
  /** The id to echo: the request's `id` when it is a string or number, else null. */
  id: JsonRpcId;
  /** The frame has no `id` member: a notification, never answered. */
  notification: boolean;
}

/** Looks at the members of a parsed frame the transport needs. */
export function readFrame(body: unknown): IncomingFrame {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { object: undefined, method: undefined, id: null, notification: false };
  }
  const object = body as Record<string, unknown>;
  const id = typeof object.id === 'string' || typeof object.id === 'number' ? object.id : null;
  return {
    object,
    method: typeof object.method === 'string' ? object.method : undefined,
    id,
    notification: !('id' in object),
  };
}

/** The protocol version a method name belongs to (1.0 and 0.3 names never collide). */
export function methodVersion(method: string | undefined): ProtocolVersion | undefined {
  if (method === undefined) return undefined;
  if (Object.hasOwn(METHODS, method)) return '1.0';
  return methodByJsonRpcName(method, '0.3') ? '0.3' : undefined;
}

/** Whether a method (of either dialect) answers with a stream. */
export function isStreamingMethod(method: string | undefined): boolean {
  if (method === undefined) return false;
  if (Object.hasOwn(METHODS, method)) return METHODS[method as keyof typeof METHODS].streaming;
  const info = methodByJsonRpcName(method, '0.3');
  return info?.streaming ?? false;
}

/** The service parameters of one call: the frame's own, else the connection's. */
export interface CallServiceParameters {
  /** Raw `A2A-Version`; undefined = none (0.3). */
  rawVersion: string | undefined;
  /** Extension URIs, when the frame names its own (replacing the connection's). */
  extensions: string | undefined;
}

/** Reads the optional `serviceParameters` member of a request frame. */
export function frameServiceParameters(object: Record<string, unknown>): ServiceParameters {
  const value = object.serviceParameters;
  if (typeof value !== 'object' || value === null) return {};
  const params = value as Record<string, unknown>;
  const result: ServiceParameters = {};
  for (const [key, raw] of Object.entries(params)) {
    if (typeof raw !== 'string') continue;
    const name = key.toLowerCase();
    if (name === 'a2a-version') result['A2A-Version'] = raw;
    else if (name === 'a2a-extensions' || name === 'x-a2a-extensions')
      result['A2A-Extensions'] = raw;
  }
  return result;
}

/** How a call is to be answered, as the HTTP binding decides it. */
export type CallVersion =
  { ok: true; version: ProtocolVersion } | { ok: false; asked: string | undefined };

/**
 * The version a call is served in, exactly as the HTTP binding decides: a known `A2A-Version`
 * is required (missing = 0.3), then the method name picks the dialect; it must be served.
 */
export function callVersion(
  rawVersion: string | undefined,
  method: string | undefined,
  served: readonly ProtocolVersion[],
): CallVersion {
  const parsed = parseProtocolVersion(rawVersion);
  const version = methodVersion(method) ?? parsed;
  if (parsed === undefined || version === undefined || !served.includes(version)) {
    return { ok: false, asked: rawVersion };
  }
  return { ok: true, version };
}

/** The dialect errors raised before the dispatcher speak: the one asked for, 1.0 if unsure. */
export function fallbackDialect(rawVersion: string | undefined): JsonRpcDialect {
  return parseProtocolVersion(rawVersion) === '0.3' ? '0.3' : '1.0';
}

/** Reads and removes the Baton `resumeAfter` param; `null` when it is present but invalid. */
export function takeResumeAfter(object: Record<string, unknown>): {
  body: Record<string, unknown>;
  resumeAfter: number | undefined | null;
} {
  const params = object.params;
  if (typeof params !== 'object' || params === null || !('resumeAfter' in params)) {
    return { body: object, resumeAfter: undefined };
  }
  const { resumeAfter, ...rest } = params as Record<string, unknown>;
  const valid =
    typeof resumeAfter === 'number' && Number.isSafeInteger(resumeAfter) && resumeAfter >= 0;
  return { body: { ...object, params: rest }, resumeAfter: valid ? resumeAfter : null };
}
