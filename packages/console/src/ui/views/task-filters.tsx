import { useEffect, useState } from 'preact/hooks';

import { stateLabel } from '../format.js';
import { STATES } from '../states.js';

/** The filters of the tasks table, as they appear in the address. */
export interface Filters {
  agent: string;
  state: string;
  context: string;
  since: string;
  q: string;
}

const SINCE = [
  ['', 'any time'],
  ['5m', 'last 5 minutes'],
  ['1h', 'last hour'],
  ['24h', 'last 24 hours'],
  ['7d', 'last 7 days'],
] as const;

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The instant a `since` filter means: a relative span (`1h`) or an absolute time. */
export function sinceInstant(since: string, now = Date.now()): string | undefined {
  if (!since) return undefined;
  const relative = /^(\d+)([mhd])$/.exec(since);
  if (relative) return new Date(now - Number(relative[1]) * UNITS[relative[2]!]!).toISOString();
  const time = Date.parse(since);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

interface FilterProps {
  filters: Filters;
  agents: { name: string; storeBacked: boolean }[];
  hasStore: boolean;
  textSearch: boolean;
  onChange: (filters: Filters) => void;
}

/** The filter bar: agent, state, context, time range and full-text search. */
export function TaskFilters({ filters, agents, hasStore, textSearch, onChange }: FilterProps) {
  const [q, setQ] = useState(filters.q);
  const [context, setContext] = useState(filters.context);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => setContext(filters.context), [filters.context]);
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const custom = filters.since !== '' && !SINCE.some(([value]) => value === filters.since);
  const remote = filters.agent !== '' && !agents.find((a) => a.name === filters.agent)?.storeBacked;
  return (
    <form
      class="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        set({ q, context });
      }}
    >
      <label>
        Agent
        <select value={filters.agent} onChange={(e) => set({ agent: e.currentTarget.value })}>
          {hasStore && <option value="">all agents (store)</option>}
          {agents.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name}
              {a.storeBacked ? '' : ' (over A2A)'}
            </option>
          ))}
        </select>
      </label>
      <label>
        State
        <select value={filters.state} onChange={(e) => set({ state: e.currentTarget.value })}>
          <option value="">any state</option>
          {STATES.map((s) => (
            <option key={s} value={stateLabel(s)}>
              {stateLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Updated
        <select
          value={custom ? 'custom' : filters.since}
          onChange={(e) => {
            const value = e.currentTarget.value;
            set({
              since:
                value === 'custom'
                  ? new Date(Date.now() - 3_600_000).toISOString().slice(0, 16)
                  : value,
            });
          }}
        >
          {SINCE.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
          <option value="custom">since…</option>
        </select>
      </label>
      {custom && (
        <label>
          Since
          <input
            type="datetime-local"
            value={filters.since.slice(0, 16)}
            onChange={(e) => set({ since: e.currentTarget.value })}
          />
        </label>
      )}
      <label>
        Context
        <input
          value={context}
          onInput={(e) => setContext(e.currentTarget.value)}
          placeholder="contextId"
          size={14}
        />
      </label>
      <label class="grow">
        Search
        <input
          type="search"
          value={q}
          disabled={remote || !textSearch}
          onInput={(e) => setQ(e.currentTarget.value)}
          placeholder={
            remote || !textSearch
              ? 'text search needs a store that supports it'
              : 'words in history and artifacts'
          }
        />
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}
