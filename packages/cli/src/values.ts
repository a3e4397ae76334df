import { TASK_STATES, type TaskState } from '@baton/protocol';

import { UsageError } from './errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Reads a duration: `500ms`, `10s`, `2m`, `1h`, `1d`; a bare number is seconds.
 * @throws UsageError
 */
export function parseDuration(raw: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw.trim());
  if (!match)
    throw new UsageError(`--${flag} wants a duration such as 30s, 500ms or 2m, got '${raw}'`);
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!);
}

/**
 * Reads `--since`: an ISO 8601 timestamp or date, or a duration back from `now` (`10m`, `2h`,
 * `1d`). Returns the ISO timestamp.
 * @throws UsageError
 */
export function parseSince(raw: string, now = Date.now()): string {
  if (/^\d+(?:\.\d+)?(ms|s|m|h|d)$/.test(raw.trim())) {
    return new Date(now - parseDuration(raw, 'since')).toISOString();
  }
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime())) {
    throw new UsageError(
      `--since wants a time such as 2025-06-01T12:00:00Z or a duration back from now (30m, 2h, 1d), got '${raw}'`,
    );
  }
  return date.toISOString();
}

/**
 * Reads a task state as people write it (`working`, `input-required`, `canceled`/`cancelled`) or
 * as the protocol does (`TASK_STATE_WORKING`).
 * @throws UsageError
 */
export function parseTaskState(raw: string): TaskState {
  const normal = raw
    .trim()
    .toUpperCase()
    .replace(/-/g, '_')
    .replace(/^TASK_STATE_/, '');
  const name = `TASK_STATE_${normal === 'CANCELLED' ? 'CANCELED' : normal}`;
  const found = TASK_STATES.find((state) => state === name && state !== 'TASK_STATE_UNSPECIFIED');
  if (!found) {
    const names = TASK_STATES.filter((s) => s !== 'TASK_STATE_UNSPECIFIED')
      .map((s) => s.slice('TASK_STATE_'.length).toLowerCase().replace(/_/g, '-'))
      .join(', ');
    throw new UsageError(`unknown task state '${raw}'; one of: ${names}`);
  }
  return found;
}

/** Whether a command-line word is an agent URL rather than a task id or text. */
export function looksLikeUrl(value: string): boolean {
  return (
    /^https?:\/\//i.test(value) ||
    /^(localhost|[\w.-]+\.[a-z]{2,}|\d{1,3}(\.\d{1,3}){3}|\[[\da-f:]+\]):\d+(\/|$)/i.test(value)
  );
}

/** An agent URL with a scheme: `localhost:4000` → `http://localhost:4000`. @throws UsageError */
export function normalizeUrl(value: string): string {
  const withScheme = /^https?:\/\//i.test(value) ? value : `http://${value}`;
  try {
    return new URL(withScheme).href.replace(/\/$/, '');
  } catch {
    throw new UsageError(`'${value}' is not a URL`);
  }
}
