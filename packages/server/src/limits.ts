import {
  type Artifact,
  InvalidAgentResponseError,
  InvalidParamsError,
  type Message,
  PayloadTooLargeError,
} from '@baton/protocol';

import { jsonByteLength } from './json-byte-length.js';

/** Bounds on everything a caller or an agent controls. Exceeding one gives a clear A2A error. */
export interface ServerLimits {
  /** Parts in one incoming message; more → `InvalidParamsError`. @default 100 */
  maxPartsPerMessage: number;
  /** UTF-8 size of one incoming message as JSON; more → `PayloadTooLargeError`. @default 4 MiB */
  maxMessageBytes: number;
  /**
   * UTF-8 size of one artifact as JSON, after merging appended chunks; more → the executor's
   * `addArtifact` rejects with `InvalidAgentResponseError`. @default 16 MiB
   */
  maxArtifactBytes: number;
  /** Messages kept in a task's history; the oldest are dropped. @default 1000 */
  maxHistoryPerTask: number;
  /** Open streams (SendStreamingMessage + SubscribeToTask) per task. @default 256 */
  maxStreamsPerTask: number;
  /**
   * Messages waiting for a task whose executor is still running; more →
   * `UnsupportedOperationError`. @default 16
   */
  maxQueuedMessagesPerTask: number;
  /**
   * Events buffered for one stream whose reader is slower than the task; a stream that falls
   * further behind is ended with an error (the client can resume from the log). @default 1000
   */
  maxStreamBufferEvents: number;
  /**
   * Push notification configs per task (each task event is posted to every one of them); a
   * config with a new id beyond this → `UnsupportedOperationError`, replacing one by its id is
   * always allowed. @default 16
   */
  maxPushConfigsPerTask: number;
}

/** The default {@link ServerLimits}. */
export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxPartsPerMessage: 100,
  maxMessageBytes: 4 * 1024 * 1024,
  maxArtifactBytes: 16 * 1024 * 1024,
  maxHistoryPerTask: 1000,
  maxStreamsPerTask: 256,
  maxQueuedMessagesPerTask: 16,
  maxStreamBufferEvents: 1000,
  maxPushConfigsPerTask: 16,
});

/** Fills the limits a caller left out with {@link DEFAULT_LIMITS}. */
export function resolveLimits(limits: Partial<ServerLimits> = {}): ServerLimits {
  const resolved = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ServerLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`limits.${key} must be a non-negative number, got ${value}`);
    }
    resolved[key] = value;
  }
  return resolved;
}

/** Checks an incoming message against the part-count and size bounds. */
export function checkMessageBounds(message: Message, limits: ServerLimits): void {
  if (message.parts.length > limits.maxPartsPerMessage) {
    throw new InvalidParamsError(
      `A message may have at most ${limits.maxPartsPerMessage} parts; it has ${message.parts.length}`,
      {
        fieldViolations: [
          { field: 'message.parts', description: `at most ${limits.maxPartsPerMessage} parts` },
        ],
      },
    );
  }
  const size = jsonByteLength(message);
  if (size > limits.maxMessageBytes) {
    throw new PayloadTooLargeError(
      `A message may be at most ${limits.maxMessageBytes} bytes as JSON; it is ${size}`,
    );
  }
}

/**
 * Checks an artifact's size (after merging chunks) against `maxArtifactBytes`; `size` defaults
 * to measuring the artifact.
 */
export function checkArtifactBounds(
  artifact: Artifact,
  limits: ServerLimits,
  size = jsonByteLength(artifact),
): void {
  if (size > limits.maxArtifactBytes) {
    throw new InvalidAgentResponseError(
      `Artifact ${artifact.artifactId} would be ${size} bytes as JSON; the limit is ${limits.maxArtifactBytes}`,
    );
  }
}
