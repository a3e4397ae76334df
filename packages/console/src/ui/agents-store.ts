import { useCallback, useEffect, useState } from 'preact/hooks';

import { type AgentEntry, type AgentsResponse } from '../shared/api-types.js';
import { apiGet } from './api.js';

const LOCAL_KEY = 'baton.console.agents';

/** An agent as the UI knows it: from the console's configuration, or added in this browser. */
export interface KnownAgent extends AgentEntry {
  /** Added by the user in this browser (kept in localStorage). */
  local: boolean;
}

/** The agents added in this browser. */
export function localAgents(): { name: string; url: string }[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(LOCAL_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed)
      ? parsed.filter(
          (a): a is { name: string; url: string } =>
            typeof a?.name === 'string' && typeof a?.url === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

/** Saves the agents added in this browser. */
export function saveLocalAgents(agents: { name: string; url: string }[]): void {
  localStorage.setItem(LOCAL_KEY, JSON.stringify(agents));
}

async function checkLocal(agent: { name: string; url: string }): Promise<KnownAgent> {
  const started = performance.now();
  const base = { ...agent, storeBacked: false, local: true, checkedAt: new Date().toISOString() };
  try {
    const { loadAgentCard } = await import('@baton/client');
    const { relayFetch } = await import('./a2a/relay-fetch.js');
    const { card } = await loadAgentCard(agent.url, {
      fetch: relayFetch,
      cache: false,
      timeoutMs: 5000,
    });
    return {
      ...base,
      reachable: true,
      latencyMs: Math.round(performance.now() - started),
      card,
      error: undefined,
    };
  } catch (error) {
    return {
      ...base,
      reachable: false,
      latencyMs: undefined,
      card: undefined,
      error: String(error),
    };
  }
}

/** The agents the console and this browser know, with their cards; `refresh` checks them again. */
export function useAgents(): {
  agents: KnownAgent[] | undefined;
  refresh: () => void;
  error: string | undefined;
} {
  const [agents, setAgents] = useState<KnownAgent[]>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const load = async () => {
      try {
        const served = await apiGet<AgentsResponse>(`/api/agents${tick > 0 ? '?refresh=1' : ''}`);
        const known: KnownAgent[] = served.agents.map((a) => ({ ...a, local: false }));
        if (live) setAgents(known);
        const extra = localAgents().filter((a) => !known.some((k) => k.name === a.name));
        const checked = await Promise.all(extra.map(checkLocal));
        if (live) setAgents([...known, ...checked]);
        setError(undefined);
      } catch (e) {
        if (live) setError(String(e));
      }
    };
    void load();
    return () => {
      live = false;
    };
  }, [tick]);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { agents, refresh, error };
}
