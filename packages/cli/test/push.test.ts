import { conformanceAgentCard, conformanceExecutor } from '@baton-apps/conformance-agent';
import { echoAgentCard, echoExecutor } from '@baton-apps/echo-agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Json, startAgent, type TestAgent } from './agents.js';
import { baton } from './run-cli.js';

let agent: TestAgent;
let echo: TestAgent;
beforeAll(async () => {
  [agent, echo] = await Promise.all([
    startAgent({ card: conformanceAgentCard, executor: conformanceExecutor }),
    startAgent({ card: echoAgentCard, executor: echoExecutor }),
  ]);
});
afterAll(() => Promise.all([agent.close(), echo.close()]));

describe('baton push', () => {
  it('creates, gets, lists and deletes a task webhook', async () => {
    const task = (await baton(['send', agent.url, 'input', '--json'])).json().task;
    const hook = 'http://127.0.0.1:9/hooks/a2a';

    const created = await baton([
      'push',
      'create',
      agent.url,
      task.id,
      hook,
      '--id',
      'hook-1',
      '--token',
      's3cret',
      '--auth-scheme',
      'Bearer',
      '--auth-credentials',
      'xyz',
      '--json',
    ]);
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({
      id: 'hook-1',
      taskId: task.id,
      url: hook,
      token: 's3cret',
      authentication: { scheme: 'Bearer', credentials: 'xyz' },
    });

    const second = await baton(['push', 'create', agent.url, task.id, `${hook}/2`]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`${hook}/2`);

    const got = await baton(['push', 'get', agent.url, task.id, 'hook-1']);
    expect(got.code).toBe(0);
    expect(got.stdout).toMatch(
      /hook-1 {2}http:\/\/127\.0\.0\.1:9\/hooks\/a2a {2}\(token set, auth Bearer\)/,
    );

    const listed = await baton(['push', 'list', agent.url, task.id, '--json']);
    expect(
      listed
        .json()
        .configs.map((config: Json) => config.url)
        .sort(),
    ).toEqual([hook, `${hook}/2`]);
    const readable = await baton(['push', 'list', agent.url, task.id]);
    expect(readable.stdout.trim().split('\n')).toHaveLength(2);
    expect(readable.stderr).toContain('2 config(s)');

    const deleted = await baton(['push', 'delete', agent.url, task.id, 'hook-1']);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain('deleted push config hook-1');
    const again = await baton(['push', 'delete', agent.url, task.id, 'hook-1', '--json']);
    expect(again.code).toBe(0);
    expect(again.json()).toEqual({});

    const gone = await baton(['push', 'get', agent.url, task.id, 'hook-1']);
    expect(gone.code).toBe(4);
  });

  it('exits 4 with a hint when the agent has no push notifications', async () => {
    const run = await baton(['push', 'list', echo.url, 'any-task']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('does not offer push notifications');
  });

  it('refuses a webhook that is not an http(s) URL', async () => {
    const run = await baton(['push', 'create', agent.url, 'task', 'ftp://example.com/hook']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('http(s) URL');
  });
});
