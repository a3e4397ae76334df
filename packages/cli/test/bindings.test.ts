import { type AgentCard, UnauthenticatedError } from '@baton/protocol';
import { type Authenticator } from '@baton/server';
import { conformanceAgentCard, conformanceExecutor } from '@baton-apps/conformance-agent';
import { echoAgentCard, echoExecutor } from '@baton-apps/echo-agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startAgent, type TestAgent } from './agents.js';
import { baton } from './run-cli.js';

const securedCard: AgentCard = {
  ...echoAgentCard,
  name: 'Secured Echo',
  securitySchemes: {
    key: { apiKeySecurityScheme: { location: 'header', name: 'X-Secret-Key' } },
    token: { httpAuthSecurityScheme: { scheme: 'Bearer' } },
  },
  securityRequirements: [{ schemes: { key: { list: [] } } }, { schemes: { token: { list: [] } } }],
};

const authenticator: Authenticator = ({ headers }) => {
  if (headers.get('authorization') === 'Bearer good-token') return { id: 'token-user' };
  if (headers.get('x-secret-key') === 'good-key') return { id: 'key-user' };
  throw new UnauthenticatedError('credentials required');
};

let agent: TestAgent;
let secured: TestAgent;
beforeAll(async () => {
  [agent, secured] = await Promise.all([
    startAgent({ card: conformanceAgentCard, executor: conformanceExecutor, webSocket: true }),
    startAgent({ card: securedCard, executor: echoExecutor, authenticator }),
  ]);
});
afterAll(() => Promise.all([agent.close(), secured.close()]));

describe('--binding and --protocol', () => {
  it.each([
    [['--binding', 'jsonrpc'], 'JSONRPC 1.0'],
    [['--binding', 'rest'], 'HTTP+JSON 1.0'],
    [['--binding', 'ws'], 'urn:baton:binding:jsonrpc-websocket:1 1.0'],
    [['--protocol', '0.3'], 'JSONRPC 0.3'],
    [['--binding', 'ws', '--protocol', '0.3'], 'urn:baton:binding:jsonrpc-websocket:1 0.3'],
  ])('%j speaks %s for send, stream and get', async (flags, used) => {
    const sent = await baton([
      'send',
      agent.url,
      'complete via binding',
      '--json',
      '--verbose',
      ...flags,
    ]);
    expect(sent.code).toBe(0);
    expect(sent.stderr).toContain(`→ using ${used}`);
    const { task } = sent.json();
    expect(task.artifacts[0].parts).toEqual([{ text: 'done: via binding' }]);

    const streamed = await baton(['send', agent.url, 'stream 2', '--stream', '--json', ...flags]);
    expect(streamed.code).toBe(0);
    expect(streamed.ndjson().at(-1).statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');

    const got = await baton(['get', agent.url, task.id, '--json', ...flags]);
    expect(got.json().status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('exits 4 when the operation does not exist in 0.3 (ListTasks)', async () => {
    const run = await baton(['list', agent.url, '--protocol', '0.3']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('--protocol 1.0');
  });

  it('exits 4 when the card has no interface for the binding asked for', async () => {
    const run = await baton(['send', secured.url, 'x', '--binding', 'ws']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`baton card ${secured.url}`);
  });
});

describe('auth and headers', () => {
  it('exits 4 without credentials and says how to pass them', async () => {
    const run = await baton(['send', secured.url, 'hello']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('--bearer');
    expect(run.stderr).toContain('BATON_API_KEY');
  });

  it('sends a bearer token from --bearer or BATON_TOKEN', async () => {
    expect((await baton(['send', secured.url, 'a', '--bearer', 'good-token'])).stdout).toBe(
      'echo: a\n',
    );
    const fromEnv = await baton(['send', secured.url, 'b'], { env: { BATON_TOKEN: 'good-token' } });
    expect(fromEnv.stdout).toBe('echo: b\n');
  });

  it("puts an API key where the card's scheme says (from --api-key or BATON_API_KEY)", async () => {
    const run = await baton(['send', secured.url, 'c', '--api-key', 'good-key']);
    expect(run.code).toBe(0);
    expect(secured.requests.at(-1)!.get('x-secret-key')).toBe('good-key');
    const fromEnv = await baton(['send', secured.url, 'd'], { env: { BATON_API_KEY: 'good-key' } });
    expect(fromEnv.stdout).toBe('echo: d\n');
  });

  it('sends --header values with every request, the card fetch included', async () => {
    const before = agent.requests.length;
    const run = await baton([
      'send',
      agent.url,
      'message hi',
      '-H',
      'X-Trace: abc',
      '--header',
      'X-Team:  blue ',
    ]);
    expect(run.code).toBe(0);
    const seen = agent.requests.slice(before);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const headers of seen) {
      expect(headers.get('x-trace')).toBe('abc');
      expect(headers.get('x-team')).toBe('blue');
    }
  });
});

describe('--timeout', () => {
  it('exits 5 when a blocking send outlasts --timeout, and says what to do', async () => {
    const run = await baton(['send', agent.url, 'long 10000', '--timeout', '300ms']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('did not answer within 300 ms');
    expect(run.stderr).toContain('--no-wait');
  });
});
