import { conformanceAgentCard, conformanceExecutor } from '@baton-apps/conformance-agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Json, startAgent, type TestAgent } from './agents.js';
import { baton } from './run-cli.js';

let agent: TestAgent;
beforeAll(async () => {
  agent = await startAgent({ card: conformanceAgentCard, executor: conformanceExecutor });
});
afterAll(() => agent.close());

async function newTask(text: string, extra: string[] = []): Promise<Json> {
  const run = await baton(['send', agent.url, text, '--json', ...extra]);
  return run.json().task;
}

describe('baton get', () => {
  it('shows the task with its history, and exits by its state', async () => {
    const done = await newTask('complete get me');
    const run = await baton(['get', agent.url, done.id]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^task ${done.id} {2}completed$`, 'm'));
    expect(run.stdout).toContain('── history');
    expect(run.stdout).toContain('you: complete get me');
    expect(run.stdout).toContain('done: get me');

    const failed = await newTask('fail');
    expect((await baton(['get', agent.url, failed.id])).code).toBe(2);
    const waiting = await newTask('input');
    const input = await baton(['get', agent.url, waiting.id]);
    expect(input.code).toBe(3);
    expect(input.stderr).toContain(`--task ${waiting.id}`);
  });

  it('prints the Task as JSON, honouring --history-length', async () => {
    const done = await newTask('complete x');
    const run = await baton(['get', agent.url, done.id, '--history-length', '0', '--json']);
    const task = run.json();
    expect(task.id).toBe(done.id);
    expect(task.history ?? []).toEqual([]);
  });

  it('exits 4 for an unknown task, with what to do next', async () => {
    const run = await baton(['get', agent.url, 'no-such-task']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/error: the agent says: .*not found/i);
    expect(run.stderr).toContain(`hint: check the task id; \`baton list ${agent.url}\``);
    const json = await baton(['get', agent.url, 'no-such-task', '--json']);
    expect(JSON.parse(json.stderr).error).toMatchObject({
      kind: 'a2a',
      code: -32001,
      reason: 'TASK_NOT_FOUND',
    });
  });
});

describe('baton list', () => {
  it('pages through a context with --page-size and --page-token, or --all', async () => {
    const first = await newTask('complete one');
    const contextId = first.contextId;
    for (const text of ['complete two', 'complete three', 'complete four', 'fail'])
      await newTask(text, ['--context', contextId]);

    const page1 = await baton([
      'list',
      agent.url,
      '--context',
      contextId,
      '--page-size',
      '2',
      '--json',
    ]);
    expect(page1.code).toBe(0);
    const body1 = page1.json();
    expect(body1.tasks).toHaveLength(2);
    expect(body1.totalSize).toBe(5);
    expect(body1.nextPageToken).not.toBe('');

    const page2 = await baton([
      'list',
      agent.url,
      '--context',
      contextId,
      '--page-size',
      '2',
      '--page-token',
      body1.nextPageToken,
      '--json',
    ]);
    const body2 = page2.json();
    expect(body2.tasks).toHaveLength(2);
    const seen = new Set([...body1.tasks, ...body2.tasks].map((task: Json) => task.id));
    expect(seen.size).toBe(4);

    const all = await baton([
      'list',
      agent.url,
      '--context',
      contextId,
      '--page-size',
      '2',
      '--all',
      '--json',
    ]);
    const everything = all.json();
    expect(everything.tasks).toHaveLength(5);
    expect(new Set(everything.tasks.map((task: Json) => task.id)).size).toBe(5);
    expect(everything.nextPageToken).toBe('');

    const failed = await baton([
      'list',
      agent.url,
      '--context',
      contextId,
      '--state',
      'failed',
      '--json',
    ]);
    expect(failed.json().tasks.map((task: Json) => task.status.state)).toEqual([
      'TASK_STATE_FAILED',
    ]);

    const readable = await baton(['list', agent.url, '--context', contextId, '--page-size', '2']);
    expect(readable.code).toBe(0);
    expect(readable.stdout.trim().split('\n')).toHaveLength(2);
    expect(readable.stdout).toMatch(/^[\w-]{36} {2}(completed|failed) /m);
    expect(readable.stderr).toMatch(/2 of 5 task\(s\) · next page: baton list .* --page-token \S+/);

    const readableAll = await baton([
      'list',
      agent.url,
      '--context',
      contextId,
      '--page-size',
      '2',
      '--all',
    ]);
    expect(readableAll.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('filters by --since (a duration back from now, or a time)', async () => {
    const task = await newTask('complete recent');
    const recent = await baton([
      'list',
      agent.url,
      '--context',
      task.contextId,
      '--since',
      '10m',
      '--json',
    ]);
    expect(recent.json().tasks.map((t: Json) => t.id)).toEqual([task.id]);
    const future = await baton([
      'list',
      agent.url,
      '--context',
      task.contextId,
      '--since',
      '2999-01-01T00:00:00Z',
      '--json',
    ]);
    expect(future.json().tasks).toEqual([]);
  });
});

describe('baton cancel', () => {
  it('cancels a running task (exit 0); a second cancel exits 4', async () => {
    const task = await newTask('long 30000', ['--no-wait']);
    const run = await baton(['cancel', agent.url, task.id]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^task ${task.id} {2}canceled$`, 'm'));
    const after = await baton(['get', agent.url, task.id, '--json']);
    expect(after.code).toBe(2);
    expect(after.json().status.state).toBe('TASK_STATE_CANCELED');
    const again = await baton(['cancel', agent.url, task.id]);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('the task already ended');
  });
});

describe('baton subscribe', () => {
  it('follows a long-running task to the end as NDJSON', async () => {
    const task = await newTask('long 2500 100', ['--no-wait']);
    const run = await baton(['subscribe', agent.url, task.id, '--json']);
    expect(run.code).toBe(0);
    const events: Json[] = run.ndjson();
    expect(events[0].task.id).toBe(task.id);
    expect(events.some((event) => event.artifactUpdate?.artifact.name === 'ticks')).toBe(true);
    expect(events.at(-1).statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('shows the ticks live and exits 2 when the task is canceled meanwhile', async () => {
    const task = await newTask('long 20000 100', ['--no-wait']);
    let canceled = false;
    const run = await baton(['subscribe', agent.url, task.id], {
      onStdout: (chunk) => {
        if (!canceled && chunk.includes('tick')) {
          canceled = true;
          void baton(['cancel', agent.url, task.id]);
        }
      },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/── ticks ──\ntick \d+/);
    expect(run.stdout).toMatch(/● canceled/);
  });

  it('shows a task that already ended instead of failing', async () => {
    const task = await newTask('complete finished');
    const run = await baton(['subscribe', agent.url, task.id]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('done: finished');
    expect(run.stderr).toContain('already ended');
  });

  it('exits 4 for an unknown task', async () => {
    expect((await baton(['subscribe', agent.url, 'no-such-task'])).code).toBe(4);
  });
});
