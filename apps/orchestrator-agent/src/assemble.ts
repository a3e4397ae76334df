import { type ArtifactInput } from '@baton/server';

import { type Plan } from './plan.js';
import { type SubtaskOutcome } from './run-subtask.js';

/**
 * The orchestrator's own result: one artifact `result` with a text part that puts every
 * subtask's output under its heading, and metadata that names each delegate and its task.
 */
export function assemble(plan: Plan, outcomes: readonly SubtaskOutcome[]): ArtifactInput {
  const sections = outcomes.map((outcome) => {
    const where = outcome.taskId ? ` (task ${outcome.taskId})` : ' (direct reply)';
    const body = outcome.text
      .trimEnd()
      .split('\n')
      .map((line) => `   ${line}`)
      .join('\n');
    return `${outcome.subtask.index}. ${outcome.agentName}: ${outcome.subtask.title}${where}\n${body}`;
  });
  const subtasks = outcomes.map((outcome) => ({
    index: outcome.subtask.index,
    title: outcome.subtask.title,
    agent: outcome.agentName,
    agentUrl: outcome.agentUrl,
    state: outcome.state,
    ...(outcome.taskId ? { taskId: outcome.taskId } : {}),
  }));
  return {
    artifactId: 'result',
    name: 'result',
    description: `The assembled result of ${outcomes.length} delegated subtask(s)`,
    parts: [{ text: `Result for "${plan.request}"\n\n${sections.join('\n\n')}\n` }],
    metadata: { request: plan.request, subtasks },
  };
}
