import { loadAgentCard } from '@baton/client';

import { type Command, connectTo, takeAgentUrl, takeArgs } from '../command.js';
import { DEFAULT_TIMEOUT_MS } from '../connect.js';
import { EXIT_CODES } from '../exit-codes.js';
import { renderCard } from '../format-card.js';

/** `baton card <url>`: show the agent card. */
export const cardCommand: Command = {
  name: 'card',
  summary: "Show an agent's card: interfaces, capabilities, skills, security",
  usage: ['card <url> [--extended]'],
  description:
    'Reads the agent card from <url>/.well-known/agent-card.json (or the card URL itself), ' +
    'validates it (A2A 1.0 or 0.3) and prints it. --json prints the canonical 1.0 card.',
  options: {
    extended: {
      type: 'boolean',
      description: 'Fetch the extended card for authenticated callers (GetExtendedAgentCard)',
    },
  },
  examples: [
    'baton card http://127.0.0.1:4000',
    'baton card https://agent.example.com/.well-known/agent-card.json --json',
    'baton card http://127.0.0.1:4000 --extended --bearer "$TOKEN"',
  ],
  async run(context) {
    const url = takeAgentUrl(context, 'card');
    takeArgs(context, 'card', []);
    const { out, settings } = context;
    let card;
    if (context.values.extended === true) {
      const { client } = await connectTo(context, url);
      out.spinner.start('fetching the extended card');
      card = await client.getExtendedAgentCard({}, { signal: context.signal });
    } else {
      out.spinner.start(`reading the agent card from ${url}`);
      const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      ({ card } = await loadAgentCard(url, {
        headers: settings.headers,
        signal: context.signal,
        timeoutMs: timeoutMs > 0 ? timeoutMs : undefined,
        cache: false,
      }));
    }
    out.spinner.stop();
    if (out.json) out.document(card);
    else out.line(renderCard(card, out.c));
    return EXIT_CODES.OK;
  },
};
