// The README's first example, run as written against a Baton agent.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { A2AClient, textOf } from '../src/index.js';
import { type BatonAgent, startBatonAgent } from './baton-agent.js';

let agent: BatonAgent;
beforeAll(async () => {
  agent = await startBatonAgent();
});
afterAll(() => agent.close());

it('orchestrates another agent in a few lines', async () => {
  const client = await A2AClient.connect(agent.baseUrl); // base URL or card URL
  const task = await client.sendAndWait('ask', {
    // Called when the agent asks a question; return undefined to stop and get the task back.
    onInputRequired: (task) => (textOf(task).includes('colour') ? 'green' : undefined),
  });
  expect(textOf(task)).toBe('answer: green');
});
