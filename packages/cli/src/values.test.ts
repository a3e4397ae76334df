import { describe, expect, it } from 'vitest';

import { UsageError } from './errors.js';
import { looksLikeUrl, normalizeUrl, parseDuration, parseSince, parseTaskState } from './values.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1.5h', 5_400_000],
    ['1d', 86_400_000],
    ['30', 30_000],
    ['0', 0],
  ])('%s → %i ms', (raw, ms) => expect(parseDuration(raw, 'timeout')).toBe(ms));

  it('refuses anything else', () => {
    expect(() => parseDuration('soon', 'timeout')).toThrow(UsageError);
    expect(() => parseDuration('-1s', 'timeout')).toThrow(/--timeout/);
  });
});

describe('parseSince', () => {
  const now = Date.parse('2025-06-01T12:00:00.000Z');
  it('reads durations back from now and ISO times', () => {
    expect(parseSince('30m', now)).toBe('2025-06-01T11:30:00.000Z');
    expect(parseSince('2025-05-01', now)).toBe('2025-05-01T00:00:00.000Z');
    expect(parseSince('2025-05-01T10:00:00+02:00', now)).toBe('2025-05-01T08:00:00.000Z');
  });
  it('refuses words', () => expect(() => parseSince('yesterday', now)).toThrow(UsageError));
});

describe('parseTaskState', () => {
  it.each([
    ['working', 'TASK_STATE_WORKING'],
    ['input-required', 'TASK_STATE_INPUT_REQUIRED'],
    ['AUTH_REQUIRED', 'TASK_STATE_AUTH_REQUIRED'],
    ['cancelled', 'TASK_STATE_CANCELED'],
    ['TASK_STATE_COMPLETED', 'TASK_STATE_COMPLETED'],
  ])('%s → %s', (raw, state) => expect(parseTaskState(raw)).toBe(state));

  it('lists the states on a typo', () => {
    expect(() => parseTaskState('unspecified')).toThrow(/one of: submitted, working/);
  });
});

describe('agent URLs', () => {
  it.each([
    'http://a.example',
    'https://a.example/x',
    'localhost:4000',
    '127.0.0.1:4000/a',
    'agent.example.com:443',
  ])('%s is a URL', (value) => expect(looksLikeUrl(value)).toBe(true));
  it.each(['9f3c2a1e-0000-4000-8000-000000000000', 'hello world', 'task:1', 'complete'])(
    '%s is not',
    (value) => expect(looksLikeUrl(value)).toBe(false),
  );
  it('adds http:// and drops a trailing slash', () => {
    expect(normalizeUrl('localhost:4000/')).toBe('http://localhost:4000');
    expect(normalizeUrl('https://a.example/agent/')).toBe('https://a.example/agent');
  });
});
