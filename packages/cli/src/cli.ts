#!/usr/bin/env node
import { EXIT_CODES } from './exit-codes.js';
import { runCli } from './run-cli.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  // First Ctrl-C closes streams and stops the console cleanly; a second one quits at once.
  if (++interrupts > 1) process.exit(EXIT_CODES.INTERRUPTED);
  controller.abort(new Error('interrupted'));
});
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `baton list … | head` closes the pipe early: not an error worth a stack trace.
  if (error.code === 'EPIPE') process.exit(EXIT_CODES.OK);
  throw error;
});

const code = await runCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, env: process.env, readStdin },
  { signal: controller.signal },
);
// Open sockets (keep-alive, a WebSocket's idle timer) must not keep the process waiting.
process.stdout.write('', () => process.exit(code));
