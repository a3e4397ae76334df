// Protocol parsing: what validating a request or a task costs next to a bare JSON.parse.
import { parseProtocol, SendMessageRequestSchema, TaskSchema } from '@baton/protocol';

import { type BenchModule, type CaseResult, runCases } from './harness.js';
import { largeTask, sendMessageRequestBody } from './payloads.js';

const byteLength = (text: string) => new TextEncoder().encode(text).length;

function mustParse(ok: boolean, what: string): void {
  if (!ok) throw new Error(`the ${what} payload does not parse; fix the bench payload`);
}

function run(): CaseResult[] {
  const requestBody = sendMessageRequestBody();
  const taskBody = JSON.stringify(largeTask());
  const parseRequest = () => {
    const body = JSON.parse(requestBody) as { params: unknown };
    return parseProtocol(SendMessageRequestSchema, body.params, 'params');
  };
  const parseTask = () => parseProtocol(TaskSchema, JSON.parse(taskBody));
  mustParse(parseRequest().success, 'SendMessage');
  mustParse(parseTask().success, 'Task');

  return runCases([
    {
      id: 'a',
      name: 'SendMessage JSON-RPC request: JSON.parse + SendMessageRequestSchema',
      fn: parseRequest,
      baseline: 'a0',
      bytes: byteLength(requestBody),
    },
    {
      id: 'a0',
      name: 'SendMessage JSON-RPC request: JSON.parse only',
      fn: () => JSON.parse(requestBody),
      bytes: byteLength(requestBody),
    },
    {
      id: 'b',
      name: 'Task, 10 artifacts + 50 history messages: JSON.parse + TaskSchema',
      fn: parseTask,
      baseline: 'c',
      bytes: byteLength(taskBody),
    },
    {
      id: 'c',
      name: 'Task, 10 artifacts + 50 history messages: JSON.parse only',
      fn: () => JSON.parse(taskBody),
      bytes: byteLength(taskBody),
    },
  ]);
}

/** Parsing protocol payloads with the canonical 1.0 schemas. */
export const protocolParse: BenchModule = {
  name: 'protocol-parse',
  title: 'Protocol parsing',
  run,
};
