import { type JsonObject, type Message } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { findPlan, planMetadata, planRequest, readAnswer } from '../src/plan.js';

describe('planRequest', () => {
  it('acknowledges the request with the echo agent and reports on each clause', () => {
    const plan = planRequest(
      'compare Lisbon and Porto; then plan a weekend\nbook it, and pay; relax',
    );
    expect(plan.subtasks.map((s) => [s.role, s.text])).toEqual([
      ['echo', 'compare Lisbon and Porto; then plan a weekend book it, and pay; relax'],
      ['task', 'compare Lisbon and Porto'],
      ['task', 'plan a weekend'],
      ['task', 'book it'],
      ['task', 'pay; relax'],
    ]);
  });

  it('passes the report shape on, from the options or the request', () => {
    expect(planRequest('a then b', { chunks: 2 }).subtasks[1]!.text).toBe('a chunks=2');
    const plan = planRequest('a delay=50 chunks=500', { chunks: 2, delayMs: 10 });
    expect(plan.request).toBe('a');
    expect(plan.subtasks[1]!.text).toBe('a chunks=100 delay=50');
    expect(planRequest('   ').request).toBe('');
  });
});

describe('readAnswer', () => {
  const plan = planRequest('a; b');
  it('reads yes, no and subtask numbers', () => {
    expect(readAnswer(plan, ' Yes please')).toMatchObject({ kind: 'run' });
    expect(readAnswer(plan, 'no')).toEqual({ kind: 'stop' });
    const picked = readAnswer(plan, '1, 3');
    expect(picked.kind === 'run' && picked.subtasks.map((s) => s.index)).toEqual([1, 3]);
    expect(readAnswer(plan, '4')).toEqual({ kind: 'unclear', reason: 'there is no subtask 4' });
    expect(readAnswer(plan, 'hmm').kind).toBe('unclear');
  });
});

describe('findPlan', () => {
  it('reads the latest plan back from message metadata, and ignores anything else', () => {
    const plan = planRequest('x; y');
    plan.agents = { echo: 'E', task: 'T' };
    const message = (metadata?: JsonObject): Message => ({
      messageId: 'm',
      role: 'ROLE_AGENT' as const,
      parts: [{ text: '' }],
      ...(metadata ? { metadata } : {}),
    });
    expect(findPlan([message(planMetadata(plan)), message()])).toEqual(plan);
    expect(findPlan([message({ batonOrchestratorPlan: { request: 1 } })])).toBeUndefined();
    expect(findPlan(undefined)).toBeUndefined();
  });
});
