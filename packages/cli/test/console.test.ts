import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { conformanceAgentCard, conformanceExecutor } from '@baton-apps/conformance-agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startAgent, type TestAgent } from './agents.js';
import { baton } from './run-cli.js';

let agent: TestAgent;
beforeAll(async () => {
  agent = await startAgent({ card: conformanceAgentCard, executor: conformanceExecutor });
});
afterAll(() => agent.close());

describe('baton console', () => {
  it('serves the console for the agents given, until Ctrl-C (exit 0)', async () => {
    let consoleUrl: string | undefined;
    let checked: Promise<void> | undefined;
    const run = await baton(['console', `conformance=${agent.url}`, '--port', '0'], {
      onStdout: (chunk, child) => {
        const found = /Console: (http:\/\/\S+)/.exec(chunk);
        if (!found || consoleUrl) return;
        consoleUrl = found[1]!;
        checked = (async () => {
          const page = await fetch(consoleUrl);
          expect(page.status).toBe(200);
          const agents = await (await fetch(new URL('/api/agents', consoleUrl))).json();
          expect(agents.agents[0]).toMatchObject({ name: 'conformance', url: agent.url });
        })().finally(() => child.kill('SIGINT'));
      },
    });
    await checked;
    expect(consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(run.code).toBe(0);
  });

  it('refuses to serve beyond localhost without a token (exit 1)', async () => {
    const run = await baton(['console', agent.url, '--host', '0.0.0.0', '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('token');
  });
});

describe('Ctrl-C', () => {
  it('closes a subscription and exits 130', async () => {
    const { task } = (
      await baton(['send', agent.url, 'long 20000 100', '--no-wait', '--json'])
    ).json();
    let interrupted = false;
    const run = await baton(['subscribe', agent.url, task.id], {
      onStdout: (chunk, child) => {
        if (interrupted || !chunk.includes('tick')) return;
        interrupted = true;
        child.kill('SIGINT');
      },
    });
    expect(run.code).toBe(130);
    await baton(['cancel', agent.url, task.id]);
  });
});

describe('baton start', () => {
  it('runs the demo stack of the checkout until Ctrl-C (exit 0)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-cli-start-'));
    const ports = {
      BATON_CONSOLE_PORT: '0',
      BATON_ECHO_PORT: '0',
      BATON_TASK_PORT: '0',
      BATON_ORCHESTRATOR_PORT: '0',
    };
    const checkout = fileURLToPath(new URL('../../..', import.meta.url));
    let banner = '';
    let checked: Promise<void> | undefined;
    try {
      const run = await baton(['start', '--dir', checkout], {
        env: { BATON_DATA_DIR: dataDir, ...ports },
        timeoutMs: 60_000,
        onStdout: (chunk, child) => {
          banner += chunk;
          const echo = /Echo Agent\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner);
          if (!echo || checked) return;
          checked = (async () => {
            const reply = await baton(['send', echo[1]!, 'hello demo']);
            expect(reply.stdout).toContain('hello demo');
          })().finally(() => child.kill('SIGINT'));
        },
      });
      await checked;
      expect(run.code).toBe(0);
      expect(banner).toMatch(/Console\s+http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
