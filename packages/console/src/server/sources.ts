import { type BatonStore, type TaskScope } from '@baton/server';

import { type ResolvedConsoleOptions } from '../options.js';

/** One slice of a store the console reads tasks from: a store and a tenant, maybe one agent's. */
export interface TaskSource {
  /** The agent whose tasks these are; undefined when several agents share the slice. */
  agent: string | undefined;
  store: BatonStore;
  tenant: string;
  /** The console reads every owner's tasks: it is a trusted tool beside the store. */
  scope: TaskScope;
}

/**
 * Works out the store slices from the options: an agent with its own `store` or a `tenant` gets
 * its own slice; the console's `store` default tenant is one more slice, labelled with the only
 * agent that lives there, or with none when several do.
 */
export function taskSources(options: ResolvedConsoleOptions): TaskSource[] {
  const slices = new Map<BatonStore, Map<string, string[]>>();
  const claim = (store: BatonStore, tenant: string, name: string | undefined) => {
    let tenants = slices.get(store);
    if (!tenants) slices.set(store, (tenants = new Map()));
    const names = tenants.get(tenant) ?? [];
    if (name !== undefined) names.push(name);
    tenants.set(tenant, names);
  };
  for (const agent of options.agents) {
    const store = agent.store ?? (agent.tenant !== undefined ? options.store : undefined);
    if (store) claim(store, agent.tenant ?? '', agent.name);
  }
  if (options.store) {
    const unplaced = options.agents.filter((a) => !a.store && a.tenant === undefined);
    claim(options.store, '', undefined);
    for (const agent of unplaced) claim(options.store, '', agent.name);
  }
  const sources: TaskSource[] = [];
  for (const [store, tenants] of slices) {
    for (const [tenant, names] of tenants) {
      const agent = names.length === 1 ? names[0] : undefined;
      sources.push({ agent, store, tenant, scope: { tenant, owner: undefined } });
    }
  }
  return sources;
}

/** The sources an agent filter selects: all of them, or those labelled with that agent. */
export function sourcesFor(
  sources: readonly TaskSource[],
  agent: string | undefined,
): TaskSource[] {
  return agent ? sources.filter((source) => source.agent === agent) : [...sources];
}
