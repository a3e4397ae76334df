import { A2AClient, textOf } from '@baton/client';
import { type AgentCard } from '@baton/protocol';
import { type AgentExecutor, type RequestContext, type TaskEvents } from '@baton/server';

import { assemble } from './assemble.js';
import { DelegatedTask, DelegationRegistry } from './delegated-task.js';
import { describeError } from './describe-error.js';
import {
  type DelegateRole,
  describePlan,
  findPlan,
  type Plan,
  planMetadata,
  planRequest,
  readAnswer,
  type Subtask,
} from './plan.js';
import { ProgressWriter } from './progress-writer.js';
import { runSubtask, SubtaskError, type SubtaskOutcome } from './run-subtask.js';

export { findPlan, type Plan, planRequest, readAnswer, type Subtask } from './plan.js';
export { type SubtaskOutcome } from './run-subtask.js';

/** The orchestrator's card; the transport fills in `supportedInterfaces`. */
export const orchestratorAgentCard: AgentCard = {
  name: 'Orchestrator Agent',
  description:
    'Splits a request into subtasks, asks you to confirm the plan, delegates the subtasks to ' +
    'the echo and task agents over A2A, streams their progress and assembles the result.',
  version: '1.0.0',
  supportedInterfaces: [],
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [
    {
      id: 'orchestrate',
      name: 'Delegate and assemble',
      description:
        'One report per clause of the request (separate clauses with ";" or "then"), by the ' +
        'task agent, plus an acknowledgement by the echo agent. Asks before it delegates: ' +
        'answer "yes", "no", or the numbers of the subtasks to run.',
      tags: ['example', 'orchestration', 'input-required', 'delegation'],
      examples: ['compare Lisbon and Porto; then plan a weekend in the winner'],
    },
  ],
};

/** Options of {@link createOrchestratorExecutor}. */
export interface OrchestratorOptions {
  /** Base URL (or card URL) of the agent that acknowledges requests (the echo agent). */
  echoAgentUrl: string;
  /** Base URL (or card URL) of the agent that writes the reports (the task agent). */
  taskAgentUrl: string;
  /** Chunks per report, unless the request says `chunks=N`. @default the task agent's (5) */
  reportChunks?: number | undefined;
  /**
   * Pause between report chunks in ms, unless the request says `delay=MS`.
   * @default the task agent's (200)
   */
  reportDelayMs?: number | undefined;
  /** Time limit to fetch a delegate's card, in ms. @default 5000 */
  connectTimeoutMs?: number | undefined;
  /** Time limit of one subtask, in ms. @default 120000 */
  subtaskTimeoutMs?: number | undefined;
  /** The `fetch` used to reach the delegates. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
}

/** A delegate that could not be reached. */
class UnreachableDelegateError extends Error {
  override name = 'UnreachableDelegateError';
}

/** The orchestrator's executor, with the delegated tasks of its running tasks. */
export interface OrchestratorExecutor extends AgentExecutor {
  /** Delegated work still running, by orchestrator task (for tests and diagnostics). */
  readonly delegations: DelegationRegistry;
}

/**
 * The orchestrator. A new request gets a plan and `input-required` (the plan is kept in the
 * status message's metadata); the answer runs the chosen subtasks at once on the delegates,
 * forwarding their progress, then completes with an artifact `result`. Canceling the task cancels
 * the delegated tasks; a delegate that cannot be reached fails the task with a message naming it.
 * @example
 * const executor = createOrchestratorExecutor({
 *   echoAgentUrl: 'http://127.0.0.1:4101',
 *   taskAgentUrl: 'http://127.0.0.1:4102',
 * });
 * const handler = createRequestHandler({ agentCard: orchestratorAgentCard, executor });
 */
export function createOrchestratorExecutor(options: OrchestratorOptions): OrchestratorExecutor {
  const delegations = new DelegationRegistry();
  const urls: Record<DelegateRole, string> = {
    echo: options.echoAgentUrl,
    task: options.taskAgentUrl,
  };
  const shape = { chunks: options.reportChunks, delayMs: options.reportDelayMs };

  async function connect(role: DelegateRole, signal: AbortSignal): Promise<A2AClient> {
    const timeout = AbortSignal.timeout(options.connectTimeoutMs ?? 5000);
    try {
      return await A2AClient.connect(urls[role], {
        fetch: options.fetch,
        signal: AbortSignal.any([signal, timeout]),
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new UnreachableDelegateError(
        `Cannot reach the ${role} agent at ${urls[role]} (${describeError(error)}). ` +
          'The orchestrator delegates to it: start it, or point the orchestrator at its URL.',
        { cause: error },
      );
    }
  }

  async function connectAll(roles: Iterable<DelegateRole>, signal: AbortSignal) {
    const unique = [...new Set(roles)];
    const clients = await Promise.all(unique.map((role) => connect(role, signal)));
    return Object.fromEntries(unique.map((role, i) => [role, clients[i]!])) as Partial<
      Record<DelegateRole, A2AClient>
    >;
  }

  async function propose(context: RequestContext, events: TaskEvents): Promise<void> {
    const request = textOf(context.message).trim();
    const plan = planRequest(request, shape);
    if (plan.request === '') {
      await events.reject(
        'Send a request to split, e.g. "compare Lisbon and Porto; then plan a weekend".',
      );
      return;
    }
    const clients = await connectAll(['echo', 'task'], context.signal);
    plan.agents = { echo: clients.echo!.card.name, task: clients.task!.card.name };
    await events.requireInput({
      parts: [{ text: describePlan(plan) }],
      metadata: planMetadata(plan),
    });
  }

  async function delegate(
    context: RequestContext,
    events: TaskEvents,
    plan: Plan,
    chosen: Subtask[],
  ): Promise<void> {
    const clients = await connectAll(
      chosen.map((s) => s.role),
      context.signal,
    );
    const agents = [...new Set(Object.values(clients).map((c) => c.card.name))].join(' and ');
    await events.working(`Running ${chosen.length} subtask(s) with ${agents}`);
    const progress = new ProgressWriter(events);
    const failFast = new AbortController();
    const signal = AbortSignal.any([context.signal, failFast.signal]);
    let firstFailure: unknown;
    const settled = await Promise.allSettled(
      chosen.map(async (subtask) => {
        const delegated = new DelegatedTask(clients[subtask.role]!);
        delegations.add(context.taskId, delegated);
        try {
          return await runSubtask({
            subtask,
            total: plan.subtasks.length,
            client: clients[subtask.role]!,
            agentUrl: urls[subtask.role],
            contextId: context.contextId,
            parentTaskId: context.taskId,
            delegated,
            progress,
            signal,
            timeoutMs: options.subtaskTimeoutMs ?? 120_000,
          });
        } catch (error) {
          if (!signal.aborted) {
            firstFailure = error;
            failFast.abort(error);
          }
          throw error;
        } finally {
          delegations.remove(context.taskId, delegated);
        }
      }),
    );
    await progress.flush();
    // Canceled or shutting down: the server writes the final state.
    if (context.signal.aborted) return;
    if (progress.error !== undefined) {
      throw new Error(`a progress update was refused: ${describeError(progress.error)}`, {
        cause: progress.error,
      });
    }
    if (firstFailure !== undefined) {
      const others = chosen.length > 1 ? ' The other subtasks were canceled.' : '';
      await events.fail(`${describeError(firstFailure)}${others}`);
      return;
    }
    const outcomes = settled.map((s) => (s as PromiseFulfilledResult<SubtaskOutcome>).value);
    await events.addArtifact(assemble(plan, outcomes), { lastChunk: true });
    await events.complete(
      `Assembled ${outcomes.length} subtask result(s) into the artifact "result"`,
    );
  }

  async function execute(context: RequestContext, events: TaskEvents): Promise<void> {
    const plan = findPlan(context.task?.history);
    if (!plan) return propose(context, events);
    const answer = readAnswer(plan, textOf(context.message));
    switch (answer.kind) {
      case 'stop':
        await events.setStatus(
          'TASK_STATE_CANCELED',
          'Stopped at your request: nothing was delegated.',
        );
        return;
      case 'unclear':
        await events.requireInput({
          parts: [{ text: `${capitalize(answer.reason)}.\n${describePlan(plan)}` }],
          metadata: planMetadata(plan),
        });
        return;
      case 'run':
        return delegate(context, events, plan, answer.subtasks);
    }
  }

  return {
    delegations,
    async execute(context, events) {
      try {
        await execute(context, events);
      } catch (error) {
        // Canceled or shutting down: the server writes the final state.
        if (context.signal.aborted) return;
        if (events.finished) throw error;
        if (error instanceof UnreachableDelegateError || error instanceof SubtaskError) {
          await events.fail(error.message);
          return;
        }
        throw error;
      }
    },
    async cancel(context) {
      await delegations.cancelAll(context.taskId);
    },
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
