import { tmpdir } from 'node:os';

import { conformanceAgentCard, conformanceExecutor } from '@baton-apps/conformance-agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closedPort, startAgent, type TestAgent } from './agents.js';
import { baton } from './run-cli.js';

let agent: TestAgent;
beforeAll(async () => {
  agent = await startAgent({ card: conformanceAgentCard, executor: conformanceExecutor });
});
afterAll(() => agent.close());

const COMMANDS = ['card', 'send', 'get', 'list', 'cancel', 'subscribe', 'console', 'start'];
const PUSH = ['create', 'get', 'list', 'delete'];

describe.concurrent('help and version', () => {
  it('prints the version', async () => {
    const run = await baton(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists every command, the exit codes and the environment in --help', async () => {
    const run = await baton(['--help']);
    expect(run.code).toBe(0);
    for (const name of [...COMMANDS, 'push create']) expect(run.stdout).toContain(name);
    expect(run.stdout).toMatch(/Exit codes:[\s\S]*5\s+network/);
    expect(run.stdout).toContain('BATON_URL');
  });

  it.each([...COMMANDS, ...PUSH.map((sub) => `push ${sub}`)])(
    'has --help with examples for `%s`',
    async (name) => {
      const run = await baton([...name.split(' '), '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`baton ${name}`);
      expect(run.stdout).toMatch(/Examples:\n {2}\$ baton /);
      expect(run.stdout).toContain('Exit codes:');
    },
  );

  it('shows help for `baton help send` and the push group', async () => {
    expect((await baton(['help', 'send'])).stdout).toContain('--stream');
    const group = await baton(['push', '--help']);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('push delete');
  });

  it('prints help to stderr and exits 1 without a command', async () => {
    const run = await baton([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Commands:');
  });
});

describe.concurrent('usage errors exit 1 with a hint', () => {
  it.each([
    [['frob'], /unknown command 'frob'/],
    [['sned', 'http://127.0.0.1:1', 'x'], /did you mean `baton send`/],
    [['push', 'frob'], /unknown subcommand 'push frob'/],
    [['get', 'http://127.0.0.1:1'], /missing <taskId>/],
    [['get', 'http://127.0.0.1:1', 'a', 'b'], /unexpected argument 'b'/],
    [['get', 'task-1'], /missing the agent URL/],
    [['send', 'http://127.0.0.1:1', 'x', '--bogus'], /Unknown option '--bogus'/],
    [['send', 'http://127.0.0.1:1'], /nothing to send/],
    [['send', 'http://127.0.0.1:1', 'x', '--stream', '--no-wait'], /do not go together/],
    [['send', 'http://127.0.0.1:1', 'x', '--data', '{nope'], /--data is not JSON/],
    [['send', 'http://127.0.0.1:1', 'x', '--file', 'no-such-file.bin'], /cannot read --file/],
    [['list', 'http://127.0.0.1:1', '--state', 'sleeping'], /unknown task state 'sleeping'/],
    [['list', 'http://127.0.0.1:1', '--page-size', 'ten'], /--page-size wants a whole number/],
    [['list', 'http://127.0.0.1:1', '--since', 'yesterday'], /--since wants a time/],
    [['card', 'http://127.0.0.1:1', '--timeout', 'soon'], /--timeout wants a duration/],
    [['card', 'http://127.0.0.1:1', '--binding', 'grpc'], /--binding is one of/],
    [['card', 'http://127.0.0.1:1', '--protocol', '2.0'], /--protocol is 1.0 or 0.3/],
    [['card', 'http://127.0.0.1:1', '-H', 'no colon'], /--header wants 'Name: value'/],
  ])('baton %j', async (args, message) => {
    const run = await baton(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/hint:|one of/);
    expect(run.stdout).toBe('');
  });

  it('explains that `baton start` needs a Baton checkout', async () => {
    const run = await baton(['start'], { cwd: tmpdir() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('runs it from a Baton checkout');
    expect(run.stderr).toContain('baton console');
  });
});

describe('reaching the agent', () => {
  it('exits 5 with a helpful message when nothing listens', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await baton(['get', url, 'some-task']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(`could not reach ${url}`);
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr).toContain(`is the agent running`);
    expect(run.stderr).toContain(`baton card ${url}`);
  });

  it('reports errors as JSON on stderr with --json, stdout stays empty', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await baton(['card', url, '--json']);
    expect(run.code).toBe(5);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr)).toMatchObject({
      error: { kind: 'network', code: 'NETWORK_ERROR', exitCode: 5 },
    });
  });

  it('exits 5 on an HTTP error and names the URL to check', async () => {
    const run = await baton(['card', `${agent.url}/nothing/here/.well-known/agent-card.json`]);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('HTTP 404');
    expect(run.stderr).toContain('hint:');
  });

  it('uses BATON_URL when no URL is given, and accepts host:port', async () => {
    const fromEnv = await baton(['send', 'message hi'], { env: { BATON_URL: agent.url } });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout.trim()).toBe('message: hi');
    const bare = await baton(['send', agent.url.replace('http://', ''), 'message hey']);
    expect(bare.stdout.trim()).toBe('message: hey');
  });

  it('does not colour output that is not a terminal, and honours NO_COLOR with FORCE_COLOR', async () => {
    const plain = await baton(['send', agent.url, 'complete x']);
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = await baton(['send', agent.url, 'complete x'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[32m');
    const noColor = await baton(['send', agent.url, 'complete x'], {
      env: { FORCE_COLOR: '1', NO_COLOR: '1' },
    });
    expect(noColor.stdout).not.toContain('\u001b[');
  });
});

describe('baton card', () => {
  it('shows the card readably', async () => {
    const run = await baton(['card', agent.url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Conformance Agent');
    expect(run.stdout).toMatch(/JSONRPC 1\.0\s+http:\/\/127\.0\.0\.1:\d+\/a2a\/jsonrpc/);
    expect(run.stdout).toMatch(/streaming yes\s+push notifications yes/);
    expect(run.stdout).toContain('Skills (');
  });

  it('prints the canonical card with --json', async () => {
    const run = await baton(['card', `${agent.url}/.well-known/agent-card.json`, '--json']);
    expect(run.code).toBe(0);
    const card = run.json();
    expect(card.name).toBe('Conformance Agent');
    expect(card.supportedInterfaces.length).toBeGreaterThan(0);
  });
});
