import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './config.js';
import { type RunningStack } from './stack.js';

/** The request the banner suggests: two clauses, so the plan has three subtasks. */
export const EXAMPLE_REQUEST = 'compare Lisbon and Porto; then plan a weekend';

/**
 * How to run the `baton` CLI from the repository root, if it is built: `npx baton` when the root
 * has the bin linked (it is linked at install, built or not), else the built file itself.
 */
export function cliCommand(root = REPO_ROOT): string | undefined {
  if (!existsSync(join(root, 'packages', 'cli', 'dist', 'cli.js'))) return undefined;
  return existsSync(join(root, 'node_modules', '.bin', 'baton'))
    ? 'npx baton'
    : 'node packages/cli/dist/cli.js';
}

/** The lines that tell a new user what to do next. */
export function tryItLines(orchestratorUrl: string, cli: string | undefined): string[] {
  if (cli) {
    return [
      'Try it, from the repository root in another terminal:',
      `  ${cli} send ${orchestratorUrl} "${EXAMPLE_REQUEST}" --stream`,
      'It shows its plan and asks you to confirm. Answer with the command it prints, e.g.',
      `  ${cli} send ${orchestratorUrl} yes --task <task id> --context <context id> --stream`,
      'and watch it delegate to the echo and task agents and assemble their results.',
    ];
  }
  const body = JSON.stringify({
    message: { messageId: 'try-1', role: 'ROLE_USER', parts: [{ text: EXAMPLE_REQUEST }] },
  });
  return [
    'Try it (the baton CLI is not built; `pnpm build` builds it), from another terminal:',
    `  curl -s ${orchestratorUrl}/a2a/rest/message:send -H 'Content-Type: application/json' \\`,
    `    -d '${body}'`,
    'It answers with an input-required task holding the plan: send "yes" with its taskId and',
    'contextId to run it.',
  ];
}

/** What `pnpm start` prints once the stack listens. */
export function banner(stack: RunningStack): string {
  const rows: [string, string, string][] = [
    [stack.orchestrator.name, stack.orchestrator.url, 'splits a request, asks you, delegates'],
    [stack.echo.name, stack.echo.url, 'replies at once (a direct message, no task)'],
    [stack.task.name, stack.task.url, 'streams a report in chunks (a task)'],
    ['Console', stack.console.openUrl, 'watch and manage every task in the browser'],
  ];
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const urlWidth = Math.max(...rows.map(([, url]) => url.length));
  const recovered = stack.orchestrator.recovered + stack.task.recovered + stack.echo.recovered;
  return [
    '',
    `Baton demo stack — tasks are kept in ${stack.dataDir}`,
    '',
    ...rows.map(
      ([name, url, what]) => `  ${name.padEnd(nameWidth)}  ${url.padEnd(urlWidth)}  ${what}`,
    ),
    ...(recovered > 0
      ? ['', `Marked ${recovered} task(s) failed that a crash had left running.`]
      : []),
    '',
    ...tryItLines(stack.orchestrator.url, cliCommand()),
    '',
    'Ctrl-C stops the stack; every task is still there after a restart.',
    '',
  ].join('\n');
}
