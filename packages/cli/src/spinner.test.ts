import { describe, expect, it } from 'vitest';

import { createColours } from './colour.js';
import { Spinner } from './spinner.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 40, write: (text: string) => writes.push(text) };
}

describe('Spinner', () => {
  it('draws on a TTY and clears its line when stopped or written around', () => {
    const tty = stream(true);
    const spinner = new Spinner(tty, createColours(false));
    spinner.start('waiting for the agent');
    expect(tty.writes.at(-1)).toMatch(/^\r\S+\[2K\S waiting for the agent$/);
    spinner.around(() => tty.writes.push('output'));
    expect(tty.writes.slice(-3, -1)).toEqual(['\r\u001b[2K', 'output']);
    spinner.stop();
    expect(tty.writes.at(-1)).toBe('\r\u001b[2K');
  });

  it('writes nothing when the stream is not a terminal', () => {
    const pipe = stream(false);
    const spinner = new Spinner(pipe, createColours(false));
    spinner.start('waiting');
    spinner.around(() => undefined);
    spinner.stop();
    expect(pipe.writes).toEqual([]);
  });
});
