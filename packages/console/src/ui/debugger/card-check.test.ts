import { type AgentCard, cardTo03 } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { checkCard } from './card-check.js';
import { checkFrame, checkStreamOrder } from './frame-check.js';

const card: AgentCard = {
  name: 'Agent',
  description: 'does things',
  version: '1.0.0',
  supportedInterfaces: [
    {
      url: 'http://127.0.0.1:4000/a2a/jsonrpc',
      protocolBinding: 'JSONRPC',
      protocolVersion: '1.0',
    },
  ],
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 's', name: 'S', description: 'skill', tags: ['x'] }],
};

describe('checkCard', () => {
  it('accepts a valid 1.0 card', () => {
    const check = checkCard(card);
    expect(check).toMatchObject({ version: '1.0', problems: [], warnings: [] });
    expect(check.card?.name).toBe('Agent');
  });

  it('explains every problem of a broken 1.0 card in plain words', () => {
    const broken = { ...card, name: undefined, skills: [{ id: 's', name: 'S', description: 'd' }] };
    const check = checkCard(broken);
    expect(check.card).toBeUndefined();
    expect(check.problems).toEqual(
      expect.arrayContaining([
        '“name” is missing (it is required).',
        '“skills[0].tags” is missing (it is required).',
      ]),
    );
  });

  it('reads a 0.3 card with the 0.3 schema, and reports 0.3 problems', () => {
    const legacy = cardTo03(card);
    const check = checkCard(legacy);
    expect(check.version).toBe('0.3');
    expect(check.problems).toEqual([]);
    expect(check.card?.supportedInterfaces[0]).toMatchObject({ protocolVersion: '0.3' });
    const broken = checkCard({ ...legacy, url: 42 });
    expect(broken.version).toBe('0.3');
    expect(broken.problems.some((p) => p.startsWith('“url”'))).toBe(true);
  });

  it('warns about cards clients cannot use', () => {
    const check = checkCard({
      ...card,
      supportedInterfaces: [
        { url: 'http://agent.example/rpc', protocolBinding: 'SOAP', protocolVersion: '1.0' },
      ],
      skills: [],
    });
    expect(check.warnings).toEqual([
      'Interface http://agent.example/rpc is plain http: use https in production.',
      'Binding “SOAP” is not a standard one and not a URI.',
      'The card declares no skills.',
    ]);
  });

  it('refuses what is not an object', () => {
    expect(checkCard([]).problems).toEqual(['The card is not a JSON object.']);
  });
});

describe('checkFrame', () => {
  const task = { id: 't', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } };
  const rpc = { operation: 'SendStreamingMessage', binding: 'JSONRPC', version: '1.0' } as const;

  it('accepts valid JSON-RPC answers and errors', () => {
    expect(checkFrame({ jsonrpc: '2.0', id: 1, result: { task } }, 200, rpc, true)).toEqual([]);
    const error = { jsonrpc: '2.0', id: 1, error: { code: -32001, message: 'Task not found' } };
    expect(checkFrame(error, 200, rpc, false)).toEqual([]);
  });

  it('flags a broken envelope and a result that is not a StreamResponse', () => {
    expect(checkFrame({ id: 1, result: { task } }, 200, rpc, true)).toEqual([
      '“jsonrpc” must be "2.0".',
    ]);
    expect(
      checkFrame({ jsonrpc: '2.0', id: 1, result: { bogus: 1 } }, 200, rpc, true).length,
    ).toBeGreaterThan(0);
    expect(checkFrame({ jsonrpc: '2.0', id: 1 }, 200, rpc, true)).toEqual([
      'The answer has neither “result” nor “error”.',
    ]);
    expect(checkFrame(undefined, 200, rpc, true)).toEqual(['The body is not JSON.']);
  });

  it('checks 0.3 events with the 0.3 schema', () => {
    const v03 = { ...rpc, version: '0.3' };
    const event = { kind: 'task', id: 't', contextId: 'c', status: { state: 'working' } };
    expect(checkFrame({ jsonrpc: '2.0', id: 1, result: event }, 200, v03, true)).toEqual([]);
    expect(
      checkFrame({ jsonrpc: '2.0', id: 1, result: { task } }, 200, v03, true).length,
    ).toBeGreaterThan(0);
  });

  it('checks REST bodies and REST errors', () => {
    const rest = { operation: 'GetTask', binding: 'HTTP+JSON', version: '1.0' } as const;
    expect(checkFrame(task, 200, rest, false)).toEqual([]);
    expect(
      checkFrame({ error: { code: 404, status: 'NOT_FOUND', message: 'no' } }, 404, rest, false),
    ).toEqual([]);
    expect(checkFrame({ message: 'no' }, 404, rest, false)).toHaveLength(1);
  });

  it('checks the order of a 1.0 stream', () => {
    expect(checkStreamOrder([{ task }, { statusUpdate: {} }], '1.0')).toEqual([]);
    expect(checkStreamOrder([{ message: {} }], '1.0')).toEqual([]);
    expect(checkStreamOrder([{ message: {} }, { message: {} }], '1.0')).toHaveLength(1);
    expect(checkStreamOrder([{ statusUpdate: {} }], '1.0')).toHaveLength(1);
  });
});
