import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { A2AClient, textOf } from '@baton/client';
import { type Task } from '@baton/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningAgent, startEchoAgent, startTaskAgent } from './agents.js';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

let echo: RunningAgent;
let tasks: RunningAgent;
beforeAll(async () => {
  [echo, tasks] = await Promise.all([startEchoAgent(), startTaskAgent()]);
});
afterAll(async () => {
  await Promise.all([echo?.close(), tasks?.close()]);
});

describe('orchestrator-agent (started as a process, as pnpm start does)', () => {
  it('serves its card, orchestrates one request, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=@baton/source', '--import', 'tsx', 'src/main.ts'],
      {
        cwd: APP_DIR,
        env: { ...process.env, PORT: '0', ECHO_AGENT_URL: echo.url, TASK_AGENT_URL: tasks.url },
        stdio: 'pipe',
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no card URL:\n${output}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /(http:\/\/127\.0\.0\.1:\d+)\/\.well-known\/agent-card\.json/.exec(output);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]!);
          }
        });
      });
      expect(output).toContain(`delegates to ${echo.url}`);
      const client = await A2AClient.connect(url, { cardCache: false });
      expect(client.card.name).toBe('Orchestrator Agent');
      const done = (await client.sendAndWait('one thing chunks=1 delay=0', {
        timeoutMs: 30_000,
        onInputRequired: () => '2',
      })) as Task;
      expect(done.status.state).toBe('TASK_STATE_COMPLETED');
      expect(textOf(done.artifacts!.find((a) => a.artifactId === 'result'))).toContain(
        'chunk 1/1 about "one thing chunks=1 delay=0"',
      );
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
