/**
 * One line saying why something failed: the error's message and those of its causes
 * (`fetch failed: connect ECONNREFUSED 127.0.0.1:4102`), without stacks.
 */
export function describeError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const message =
      current instanceof Error
        ? current.message || current.name
        : typeof current === 'string'
          ? current
          : JSON.stringify(current);
    if (message && !messages.some((seen) => seen.includes(message))) messages.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return messages.join(': ') || 'unknown error';
}
