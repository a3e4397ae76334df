import { integerOption, listOption, stringOption } from '../args.js';
import { type Command } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { EXIT_CODES } from '../exit-codes.js';
import { looksLikeUrl, normalizeUrl } from '../values.js';

/** The part of `@baton/console` this command uses (loaded only when the command runs). */
interface ConsoleModule {
  startConsole(options: {
    host?: string;
    port?: number;
    token?: string;
    agents?: { name: string; url: string }[];
  }): Promise<{ url: string; openUrl: string; close(): Promise<void> }>;
}

// A computed specifier: the console is loaded only by this command, and the CLI builds and
// typechecks without it.
const CONSOLE_PACKAGE = ['@baton', 'console'].join('/');

async function loadConsole(): Promise<ConsoleModule> {
  let module: Partial<ConsoleModule>;
  try {
    module = (await import(CONSOLE_PACKAGE)) as Partial<ConsoleModule>;
  } catch (error) {
    throw new CliError(EXIT_CODES.USAGE, 'the Baton console is not installed', {
      kind: 'unavailable',
      cause: error,
      hint: 'install it next to the CLI: npm i -g @baton/console (or pnpm add @baton/console)',
    });
  }
  if (typeof module.startConsole !== 'function') {
    throw new CliError(EXIT_CODES.USAGE, 'this @baton/console has no startConsole()', {
      kind: 'unavailable',
      hint: 'update @baton/console to the version that matches the CLI',
    });
  }
  return module as ConsoleModule;
}

function agentsFrom(specs: readonly string[]): { name: string; url: string }[] {
  return specs.map((spec) => {
    const at = spec.indexOf('=');
    const named = at > 0 && !looksLikeUrl(spec);
    const url = normalizeUrl(named ? spec.slice(at + 1) : spec);
    return { name: named ? spec.slice(0, at) : new URL(url).host, url };
  });
}

/** `baton console [agentUrl…]`: serve the task console. */
export const consoleCommand: Command = {
  name: 'console',
  summary: 'Open the task console (web UI) for one or more agents',
  usage: ['console [<agentUrl> | <name>=<agentUrl>]… [--port <n>] [--host <h>] [--token <t>]'],
  description:
    'Serves the Baton task console (@baton/console) on this machine: watch and manage the ' +
    "agents' tasks in the browser, and debug any A2A agent. Runs until Ctrl-C. Without a " +
    'store it reads tasks from the agents over A2A. BATON_URL is used when no agent is given.',
  options: {
    port: {
      type: 'string',
      value: '<n>',
      description: 'Port to listen on (default 4100; 0: any free one)',
    },
    host: {
      type: 'string',
      value: '<host>',
      description: 'Interface to listen on (default 127.0.0.1)',
    },
    token: {
      type: 'string',
      value: '<token>',
      description: 'Secret for the browser (≥ 8 characters; needed beyond localhost)',
    },
    agent: {
      type: 'string',
      multiple: true,
      value: '<name>=<url>',
      description: 'An agent to show (repeatable; same as a positional argument)',
    },
  },
  examples: [
    'baton console http://127.0.0.1:4101 http://127.0.0.1:4102',
    'baton console echo=http://127.0.0.1:4101 --port 8080',
  ],
  async run(context) {
    const { values, io, out, signal } = context;
    const specs = [...context.args, ...listOption(values, 'agent')];
    if (specs.length === 0 && io.env.BATON_URL) specs.push(io.env.BATON_URL);
    const agents = agentsFrom(specs);
    const port = integerOption(values, 'port');
    const host = stringOption(values, 'host');
    const token = stringOption(values, 'token');
    const consoleModule = await loadConsole();
    let running;
    try {
      running = await consoleModule.startConsole({
        agents,
        ...(port === undefined ? {} : { port }),
        ...(host ? { host } : {}),
        ...(token ? { token } : {}),
      });
    } catch (error) {
      if (error instanceof TypeError)
        throw new UsageError(error.message, 'see `baton console --help`');
      throw error;
    }
    if (out.json) out.ndjson({ url: running.url, openUrl: running.openUrl, agents });
    else {
      out.line(`Console: ${out.c(running.openUrl, 'bold')}`);
      out.note(out.ce(`${agents.length} agent(s) · Ctrl-C to stop`, 'dim'));
    }
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await running.close();
    return EXIT_CODES.OK;
  },
};
