import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { A2AClient } from '@baton/client';
import { type BatonStore, createInMemoryStore } from '@baton/server';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'tsup';

import { type RunningConsole, startConsole } from '../../src/index.js';
import { uiBuild } from '../../tsup.config.js';
import { type RunningAgent, startAgent } from '../support/agents.js';

/** Debian's Chromium; the only browser these tests use. */
export const CHROMIUM = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';
/** Whether the browser tests can run here. */
export const hasChromium = existsSync(CHROMIUM);

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Containers and CI sandboxes often give /dev/shm only a few MB; Chromium then crashes tabs.
  '--disable-dev-shm-usage',
];

/** Everything an end-to-end test needs: agents, stores, the console, a browser page. */
export interface Stack {
  agents: Record<'tasks' | 'conformance' | 'echo', RunningAgent>;
  stores: Record<'tasks' | 'conformance', BatonStore>;
  console: RunningConsole;
  context: BrowserContext;
  page: Page;
  downloads: string;
  /** The built front end, for more consoles. */
  publicDir: string;
  client(name: 'tasks' | 'conformance' | 'echo'): Promise<A2AClient>;
  close(): Promise<void>;
}

/**
 * Builds the front end into a temporary folder, starts the three example agents and the console
 * on 127.0.0.1 port 0, and opens Chromium with a fresh profile.
 */
export async function startStack(): Promise<Stack> {
  const work = await mkdtemp(join(tmpdir(), 'baton-console-e2e-'));
  const publicDir = join(work, 'public');
  await build({ ...uiBuild, outDir: publicDir, silent: true });
  const stores = { tasks: createInMemoryStore(), conformance: createInMemoryStore() };
  const agents = {
    tasks: await startAgent('tasks', stores.tasks),
    conformance: await startAgent('conformance', stores.conformance),
    echo: await startAgent('echo'),
  };
  const running = await startConsole({
    port: 0,
    publicDir,
    pollIntervalMs: 200,
    agents: [
      { name: 'tasks', url: agents.tasks.url, store: stores.tasks },
      { name: 'conformance', url: agents.conformance.url, store: stores.conformance },
      { name: 'echo', url: agents.echo.url },
    ],
  });
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1366, height: 860 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const clients = new Map<string, Promise<A2AClient>>();
  return {
    agents,
    stores,
    console: running,
    context,
    page,
    downloads: work,
    publicDir,
    client(name) {
      let client = clients.get(name);
      if (!client)
        clients.set(name, (client = A2AClient.connect(agents[name].url, { cardCache: false })));
      return client;
    },
    async close() {
      await context.close().catch(() => undefined);
      await running.close();
      await Promise.all(Object.values(agents).map((agent) => agent.close()));
      await rm(work, { recursive: true, force: true });
    },
  };
}
