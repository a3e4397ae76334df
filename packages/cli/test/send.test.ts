import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { conformanceAgentCard, conformanceExecutor } from '@baton-apps/conformance-agent';
import { echoAgentCard, echoExecutor } from '@baton-apps/echo-agent';
import { taskAgentCard, taskExecutor } from '@baton-apps/task-agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type Json,
  partsEchoCard,
  partsEchoExecutor,
  startAgent,
  type TestAgent,
} from './agents.js';
import { baton } from './run-cli.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
let conformance: TestAgent;
let echo: TestAgent;
let tasks: TestAgent;
let parts: TestAgent;

beforeAll(async () => {
  [conformance, echo, tasks, parts] = await Promise.all([
    startAgent({ card: conformanceAgentCard, executor: conformanceExecutor }),
    startAgent({ card: echoAgentCard, executor: echoExecutor }),
    startAgent({ card: taskAgentCard, executor: taskExecutor }),
    startAgent({ card: partsEchoCard, executor: partsEchoExecutor }),
  ]);
});
afterAll(() => Promise.all([conformance, echo, tasks, parts].map((agent) => agent.close())));

describe.concurrent('baton send (blocking)', () => {
  it('prints the completed task with its artifact and exits 0', async () => {
    const run = await baton(['send', conformance.url, 'complete the report']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^task [\w-]+ {2}completed$/m);
    expect(run.stdout).toContain('── result ──');
    expect(run.stdout).toContain('done: the report');
  });

  it('prints the SendMessage response as one JSON document with --json', async () => {
    const run = await baton(['send', conformance.url, 'complete json', '--json']);
    expect(run.code).toBe(0);
    const { task } = run.json();
    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(task.artifacts[0].parts).toEqual([{ text: 'done: json' }]);
  });

  it("prints a direct reply's text and exits 0", async () => {
    const run = await baton(['send', echo.url, 'hello there']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('echo: hello there\n');
    const json = await baton(['send', echo.url, 'hi', '--json']);
    expect(json.json().message.parts).toEqual([{ text: 'echo: hi' }]);
  });

  it.each([
    ['fail', 2, 'failed'],
    ['reject', 2, 'rejected'],
    ['auth', 3, 'auth-required'],
  ])('`%s` exits %i (%s)', async (command, code, label) => {
    const run = await baton(['send', conformance.url, command]);
    expect(run.code).toBe(code);
    expect(run.stdout).toContain(`  ${label}`);
  });

  it('returns at once with --no-wait', async () => {
    const run = await baton(['send', conformance.url, 'long 5000', '--no-wait', '--json']);
    expect(run.code).toBe(0);
    const { task } = run.json();
    expect(['TASK_STATE_SUBMITTED', 'TASK_STATE_WORKING']).toContain(task.status.state);
    await baton(['cancel', conformance.url, task.id]);
  });

  it('passes --history-length', async () => {
    const none = await baton([
      'send',
      conformance.url,
      'complete x',
      '--history-length',
      '0',
      '--json',
    ]);
    expect(none.json().task.history ?? []).toEqual([]);
    const some = await baton(['send', conformance.url, 'complete x', '--json']);
    expect(some.json().task.history.length).toBeGreaterThan(0);
  });

  it('reads the text from stdin with -', async () => {
    const run = await baton(['send', echo.url, '-'], { input: 'from a pipe' });
    expect(run.stdout).toBe('echo: from a pipe\n');
  });
});

describe('baton send: continuing an input-required task', () => {
  it('exits 3 with the command to answer, then completes with --task and --context', async () => {
    const first = await baton(['send', conformance.url, 'input']);
    expect(first.code).toBe(3);
    expect(first.stdout).toContain('input-required');
    const id = /^task ([\w-]+)/m.exec(first.stdout)![1]!;
    const context = /^context ([\w-]+)/m.exec(first.stdout)![1]!;
    expect(first.stderr).toContain(`--task ${id} --context ${context}`);

    const answer = await baton([
      'send',
      conformance.url,
      'blue',
      '--task',
      id,
      '--context',
      context,
      '--json',
    ]);
    expect(answer.code).toBe(0);
    const { task } = answer.json();
    expect(task.id).toBe(id);
    expect(task.contextId).toBe(context);
    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(task.artifacts.at(-1).parts).toEqual([{ text: 'received: blue' }]);
  });

  it('streams the answer too', async () => {
    const first = (await baton(['send', conformance.url, 'input', '--json'])).json();
    const run = await baton([
      'send',
      conformance.url,
      'green',
      '--task',
      first.task.id,
      '--stream',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const events = run.ndjson();
    expect(events.at(-1).statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('exits 4 when --task names no task', async () => {
    const run = await baton(['send', conformance.url, 'x', '--task', 'no-such-task']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('the agent says:');
    expect(run.stderr).toContain(`baton list ${conformance.url}`);
  });
});

describe('baton send --stream', () => {
  it('shows status changes and artifact text live', async () => {
    const run = await baton(['send', tasks.url, 'chunks=3 delay=20', '--stream']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^task [\w-]+ {2}submitted$/m);
    expect(run.stdout).toMatch(/^● working/m);
    expect(run.stdout).toMatch(/^● completed/m);
    expect(run.stdout.indexOf('● working')).toBeLessThan(run.stdout.indexOf('● completed'));
  });

  it('prints each event as one NDJSON line with --json', async () => {
    const run = await baton(['send', conformance.url, 'stream 4', '--stream', '--json']);
    expect(run.code).toBe(0);
    const events: Json[] = run.ndjson();
    expect(Object.keys(events[0])).toEqual(['task']);
    const chunks = events.filter((event) => event.artifactUpdate);
    expect(chunks).toHaveLength(4);
    expect(chunks.map((event) => event.artifactUpdate.append)).toEqual([false, true, true, true]);
    expect(events.at(-1).statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('prints streamed text chunks as one running text', async () => {
    const run = await baton(['send', conformance.url, 'stream 3', '--stream']);
    expect(run.stdout).toContain('── sequence ──\n0\n1\n2\n● completed');
  });

  it('exits by the final state: 2 for failed, 3 for input-required', async () => {
    expect((await baton(['send', conformance.url, 'fail', '--stream'])).code).toBe(2);
    const input = await baton(['send', conformance.url, 'input', '--stream']);
    expect(input.code).toBe(3);
    expect(input.stderr).toContain('needs input');
  });

  it('shows a direct reply streamed as a message', async () => {
    const run = await baton(['send', echo.url, 'streamed hi', '--stream']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('echo: streamed hi\n');
  });
});

describe.concurrent('baton send --file and --data', () => {
  it('attaches files as raw base64 bytes with filename and a guessed media type', async () => {
    const run = await baton(
      ['send', parts.url, 'see attached', '--file', 'note.txt', '-f', 'pixel.png', '--json'],
      { cwd: FIXTURES },
    );
    expect(run.code).toBe(0);
    const received: Json[] = run.json().message.parts[0].data.received;
    expect(received[0]).toEqual({ text: 'see attached' });
    expect(received[1]).toMatchObject({ filename: 'note.txt', mediaType: 'text/plain' });
    expect(Buffer.from(received[1].raw, 'base64').toString()).toBe('hello file\n');
    expect(received[2]).toMatchObject({ filename: 'pixel.png', mediaType: 'image/png' });
    expect(Buffer.from(received[2].raw, 'base64')).toEqual(readFileSync(`${FIXTURES}pixel.png`));
  });

  it('attaches JSON data, inline or from @file, with or without text', async () => {
    const run = await baton(
      [
        'send',
        parts.url,
        '--data',
        '{"city":"Paris","days":3}',
        '--data',
        '@payload.json',
        '--json',
      ],
      { cwd: FIXTURES },
    );
    expect(run.code).toBe(0);
    expect(run.json().message.parts[0].data.received).toEqual([
      { data: { city: 'Paris', days: 3 } },
      { data: { from: 'file', n: [1, 2] } },
    ]);
  });

  it('shows files and data readably in a reply', async () => {
    const run = await baton(['send', conformance.url, 'artifacts']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[file bytes\.bin \(application\/octet-stream, \d+ B\)\]/);
    expect(run.stdout).toContain('"answer": 42');
    expect(run.stdout).toContain('[link https://example.com/report.pdf');
  });

  it('exits 4 when the agent does not accept the media type', async () => {
    const run = await baton(['send', echo.url, 'hi', '--file', 'pixel.png'], { cwd: FIXTURES });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('defaultInputModes');
  });
});
