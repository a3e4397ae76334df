import { type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { type ConsoleInfo } from '../shared/api-types.js';
import { useAgents } from './agents-store.js';
import { apiGet } from './api.js';
import { href, type Route, useRoute } from './router.js';
import { AgentsView } from './views/agents-view.js';
import { ContextView } from './views/context-view.js';
import { OverviewView } from './views/overview-view.js';
import { TaskPage } from './views/task-page.js';
import { TasksView } from './views/tasks-view.js';

/** The debugger, loaded on first use: it brings the A2A client and the protocol schemas. */
function LazyDebugger({ route }: { route: Route }) {
  const [View, setView] = useState<ComponentType<{ route: Route }>>();
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    import('./debugger/debugger-view.js').then(
      (m) => setView(() => m.DebuggerView),
      (e) => setFailed(String(e)),
    );
  }, []);
  if (failed) return <p class="problem">The debugger could not load: {failed}</p>;
  return View ? <View route={route} /> : <p class="muted">Loading the debugger…</p>;
}

const NAV = [
  ['tasks', 'Tasks'],
  ['agents', 'Agents'],
  ['overview', 'Overview'],
  ['debugger', 'Debugger'],
] as const;

/** The console: header navigation and the view the hash route names. */
export function App() {
  const route = useRoute();
  const [info, setInfo] = useState<ConsoleInfo>();
  const agents = useAgents();
  useEffect(() => {
    apiGet<ConsoleInfo>('/api/info').then(setInfo, () => undefined);
  }, []);
  const [section = 'tasks', id] = route.parts;
  useEffect(() => scrollTo(0, 0), [section, id]);
  useEffect(() => {
    const label = NAV.find(([key]) => key === section)?.[1] ?? 'Task';
    document.title = `${id ? `${label.replace(/s$/, '')} ${id.slice(0, 8)}` : label} · Baton console`;
  }, [section, id]);
  let view;
  if (section === 'agents') view = <AgentsView agents={agents} />;
  else if (section === 'overview') view = <OverviewView info={info} />;
  else if (section === 'contexts' && id) view = <ContextView contextId={id} />;
  else if (section === 'tasks' && id)
    view = <TaskPage taskId={id} route={route} agents={agents.agents} />;
  else if (section === 'debugger') {
    view = <LazyDebugger route={route} />;
  } else view = <TasksView route={route} info={info} agents={agents.agents} />;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={href('/tasks')}>
          Baton <span>console</span>
        </a>
        <nav aria-label="Main">
          {NAV.map(([key, label]) => (
            <a key={key} href={href(`/${key}`)} aria-current={section === key ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <span class="muted version">{info ? `v${info.version}` : ''}</span>
      </header>
      <main id="main" tabIndex={-1}>
        {view}
      </main>
    </>
  );
}
