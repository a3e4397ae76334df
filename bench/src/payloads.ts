// Deterministic payloads shaped like real A2A 1.0 traffic.
import { type Artifact, type Message, type Task } from '@baton/protocol';

const LOREM =
  'The quarterly report shows steady growth across all regions, with the strongest gains in ' +
  'subscription revenue and a modest decline in one-off hardware sales.';

/** A typical SendMessage JSON-RPC request: a user question with a data part and options. */
export function sendMessageRequestBody(): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: 42,
    method: 'SendMessage',
    params: {
      message: {
        messageId: '9b2f6a0e-3c51-4d7e-8f0a-1c2d3e4f5a6b',
        contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
        role: 'ROLE_USER',
        parts: [
          { text: 'Summarize the attached figures and flag anything unusual.' },
          {
            data: { quarter: 'Q3', regions: ['emea', 'apac', 'amer'], revenue: [1.2, 3.4, 5.6] },
            mediaType: 'application/json',
          },
        ],
        metadata: { 'https://example.com/extensions/trace/v1': { traceId: 'abc123' } },
      },
      configuration: {
        acceptedOutputModes: ['text/plain', 'application/json'],
        historyLength: 10,
        returnImmediately: false,
      },
    },
  });
}

function message(index: number): Message {
  const user = index % 2 === 0;
  return {
    messageId: `msg-${index}`,
    contextId: 'ctx-1',
    taskId: 'task-1',
    role: user ? 'ROLE_USER' : 'ROLE_AGENT',
    parts: user
      ? [{ text: `Question ${index}: ${LOREM.slice(0, 60)}` }]
      : [{ text: `Answer ${index}: ${LOREM}` }, { data: { step: index, confidence: 0.9 } }],
  };
}

function artifact(index: number): Artifact {
  return {
    artifactId: `artifact-${index}`,
    name: `section-${index}.md`,
    description: `Section ${index} of the report`,
    parts: [
      { text: `# Section ${index}\n\n${LOREM} ${LOREM}`, mediaType: 'text/markdown' },
      {
        data: {
          section: index,
          rows: [
            [1, 2, 3],
            [4, 5, 6],
          ],
        },
        mediaType: 'application/json',
      },
    ],
    metadata: { generatedBy: 'report-agent', version: 3 },
  };
}

/** A completed Task with 10 artifacts and 50 history messages. */
export function largeTask(): Task {
  return {
    id: 'task-1',
    contextId: 'ctx-1',
    status: {
      state: 'TASK_STATE_COMPLETED',
      timestamp: '2025-10-28T10:30:00.000Z',
      message: { messageId: 'msg-final', role: 'ROLE_AGENT', parts: [{ text: 'Done.' }] },
    },
    artifacts: Array.from({ length: 10 }, (_, i) => artifact(i)),
    history: Array.from({ length: 50 }, (_, i) => message(i)),
    metadata: { tenant: 'acme', priority: 'normal' },
  };
}
