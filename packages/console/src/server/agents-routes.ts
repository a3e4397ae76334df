import { A2AClientError, loadAgentCard } from '@baton/client';
import { Hono } from 'hono';

import { type ConsoleAgent } from '../options.js';
import { type AgentEntry, type AgentsResponse } from '../shared/api-types.js';
import { type TaskSource } from './sources.js';

const CHECK_TIMEOUT_MS = 3000;
const FRESH_MS = 5000;

/** Why a card fetch failed, in plain words. */
function reason(error: unknown): string {
  if (A2AClientError.isInstance(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * `/api/agents`: the configured agents, each with its card and whether it answers. Cards are
 * fetched by the server (no CORS involved) at most every few seconds per agent.
 */
export function agentsRoutes(
  agents: readonly ConsoleAgent[],
  sources: readonly TaskSource[],
): Hono {
  const app = new Hono();
  const checks = new Map<string, { at: number; entry: Promise<AgentEntry> }>();

  const check = async (agent: ConsoleAgent): Promise<AgentEntry> => {
    const started = performance.now();
    const base = {
      name: agent.name,
      url: agent.url,
      storeBacked: sources.some((source) => source.agent === agent.name),
      checkedAt: new Date().toISOString(),
    };
    try {
      const { card } = await loadAgentCard(agent.url, {
        timeoutMs: CHECK_TIMEOUT_MS,
        cache: false,
      });
      const latencyMs = Math.round(performance.now() - started);
      return { ...base, reachable: true, latencyMs, card, error: undefined };
    } catch (error) {
      const reachable = A2AClientError.isInstance(error) && error.code === 'INVALID_CARD';
      return { ...base, reachable, latencyMs: undefined, card: undefined, error: reason(error) };
    }
  };

  const entryOf = (agent: ConsoleAgent, fresh: boolean) => {
    const cached = checks.get(agent.name);
    if (cached && !fresh && Date.now() - cached.at < FRESH_MS) return cached.entry;
    const entry = check(agent);
    checks.set(agent.name, { at: Date.now(), entry });
    return entry;
  };

  app.get('/agents', async (c) => {
    const fresh = c.req.query('refresh') === '1';
    const body: AgentsResponse = {
      agents: await Promise.all(agents.map((agent) => entryOf(agent, fresh))),
    };
    return c.json(body);
  });
  return app;
}
