import { type AgentCard, BATON_URIS } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { A2AClient } from './client.js';
import { A2AClientError } from './errors.js';

const page = { tasks: [], nextPageToken: '', pageSize: 0, totalSize: 0 };

function card(binding: 'JSONRPC' | 'HTTP+JSON', search: boolean): AgentCard {
  return {
    name: 'Fake',
    description: 'A scripted agent',
    supportedInterfaces: [
      { url: 'http://127.0.0.1:1/a2a', protocolBinding: binding, protocolVersion: '1.0' },
    ],
    version: '1',
    capabilities: search ? { extensions: [{ uri: BATON_URIS.taskSearch }] } : {},
    defaultInputModes: [],
    defaultOutputModes: [],
    skills: [],
  };
}

function recorder(answer: () => Response) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return answer();
  };
  return { fetch, requests };
}

describe('listTasks with a query (task-search extension)', () => {
  it('sends query in the JSON-RPC params and activates the extension', async () => {
    const agent = recorder(() => Response.json({ jsonrpc: '2.0', id: 1, result: page }));
    const client = new A2AClient(card('JSONRPC', true), { fetch: agent.fetch });
    await client.listTasks({ query: 'invoice', status: 'TASK_STATE_COMPLETED' });
    const request = agent.requests[0]!;
    const body = (await request.json()) as { params: Record<string, unknown> };
    expect(body.params).toEqual({ query: 'invoice', status: 'TASK_STATE_COMPLETED' });
    expect(request.headers.get('A2A-Extensions')).toContain(BATON_URIS.taskSearch);
  });

  it('sends ?query= over REST', async () => {
    const agent = recorder(() => Response.json(page));
    const client = new A2AClient(card('HTTP+JSON', true), { fetch: agent.fetch });
    await client.listTasks({ query: 'a b', contextId: 'c1' });
    const url = new URL(agent.requests[0]!.url);
    expect(url.pathname).toBe('/a2a/tasks');
    expect(url.searchParams.get('query')).toBe('a b');
    expect(url.searchParams.get('contextId')).toBe('c1');
  });

  it('refuses a query when the card does not declare the extension, and allows none', async () => {
    const agent = recorder(() => Response.json({ jsonrpc: '2.0', id: 1, result: page }));
    const client = new A2AClient(card('JSONRPC', false), { fetch: agent.fetch });
    const error = await client.listTasks({ query: 'x' }).catch((e: unknown) => e);
    expect(A2AClientError.isInstance(error) && error.code).toBe('UNSUPPORTED_OPERATION');
    expect(agent.requests).toHaveLength(0);
    await client.listTasks({ query: '' });
    expect(agent.requests[0]!.headers.get('A2A-Extensions')).toBeNull();
  });
});
