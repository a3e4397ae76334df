import { useState } from 'preact/hooks';

import { type KnownAgent, localAgents, saveLocalAgents } from '../agents-store.js';
import { RawJson } from '../components/raw-json.js';
import { href } from '../router.js';
import { AgentCardView } from './agent-card.js';

interface AgentsProps {
  agents: { agents: KnownAgent[] | undefined; refresh: () => void; error: string | undefined };
}

function AddAgent({ onAdded }: { onAdded: () => void }) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string>();
  const submit = (event: Event) => {
    event.preventDefault();
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new Error('use http or https');
    } catch (e) {
      setProblem(`That is not an agent URL: ${(e as Error).message}`);
      return;
    }
    const agents = localAgents().filter((a) => a.name !== name);
    saveLocalAgents([...agents, { name: name || new URL(url).host, url }]);
    setName('');
    setUrl('');
    setProblem(undefined);
    onAdded();
  };
  return (
    <form class="inline-form" onSubmit={submit} aria-label="Add an agent">
      <label>
        Name{' '}
        <input
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          placeholder="my agent"
        />
      </label>
      <label>
        URL{' '}
        <input
          required
          type="url"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
          placeholder="http://127.0.0.1:4000"
          size={36}
        />
      </label>
      <button type="submit">Add agent</button>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function AgentPanel({ agent, onRemoved }: { agent: KnownAgent; onRemoved: () => void }) {
  const remove = () => {
    saveLocalAgents(localAgents().filter((a) => a.name !== agent.name));
    onRemoved();
  };
  return (
    <section class="panel agent" aria-labelledby={`agent-${agent.name}`}>
      <header class="panel-head">
        <h3 id={`agent-${agent.name}`}>
          <span class={agent.reachable ? 'dot up' : 'dot down'} aria-hidden="true" />
          {agent.card?.name ?? agent.name} <span class="muted">({agent.name})</span>
        </h3>
        <span class={agent.reachable ? 'pill ok' : 'pill bad'}>
          {agent.reachable
            ? `answers${agent.latencyMs !== undefined ? ` in ${agent.latencyMs} ms` : ''}`
            : 'not reachable'}
        </span>
        {agent.storeBacked && <span class="pill">tasks from the store</span>}
        {agent.local && <span class="pill">added in this browser</span>}
      </header>
      <p class="small">
        <code>{agent.url}</code> · <a href={href('/tasks', { agent: agent.name })}>Tasks</a> ·{' '}
        <a href={href('/debugger', { url: agent.url })}>Debug</a>
        {agent.local && (
          <>
            {' · '}
            <button type="button" class="link" onClick={remove}>
              Remove
            </button>
          </>
        )}
      </p>
      {agent.error && <p class="problem">{agent.error}</p>}
      {agent.card && <AgentCardView card={agent.card} />}
      {agent.card && <RawJson value={agent.card} label="Raw agent card" />}
    </section>
  );
}

/** The agents the console knows, each with its card and whether it answers. */
export function AgentsView({ agents }: AgentsProps) {
  return (
    <>
      <div class="view-head">
        <h2>Agents</h2>
        <button type="button" onClick={agents.refresh}>
          Check again
        </button>
      </div>
      <AddAgent onAdded={agents.refresh} />
      {agents.error && <p class="problem">{agents.error}</p>}
      {!agents.agents && <p class="muted">Loading…</p>}
      {agents.agents?.length === 0 && <p class="muted">No agents yet: add one by URL above.</p>}
      {agents.agents?.map((agent) => (
        <AgentPanel key={agent.name} agent={agent} onRemoved={agents.refresh} />
      ))}
    </>
  );
}
