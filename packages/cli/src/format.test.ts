import { describe, expect, it } from 'vitest';

import { createColours, shouldColour } from './colour.js';
import { EXIT_CODES, exitCodeForState } from './exit-codes.js';
import { renderParts, stateLabel } from './format.js';

const plain = createColours(false);

describe('renderParts', () => {
  it('runs streamed text parts together and puts other parts on their own lines', () => {
    expect(renderParts([{ text: 'Hel' }, { text: 'lo' }], plain)).toBe('Hello');
    expect(renderParts([{ text: 'rows:' }, { data: { n: 1 } }, { text: 'end' }], plain)).toBe(
      'rows:\n{\n  "n": 1\n}\nend',
    );
    expect(
      renderParts([{ raw: 'aGVsbG8=', filename: 'a.txt', mediaType: 'text/plain' }], plain),
    ).toBe('[file a.txt (text/plain, 5 B)]');
    expect(renderParts([{ url: 'https://x.example/f.pdf' }], plain)).toBe(
      '[link https://x.example/f.pdf]',
    );
  });
});

describe('states and exit codes', () => {
  it('labels states the way people write them', () => {
    expect(stateLabel('TASK_STATE_INPUT_REQUIRED')).toBe('input-required');
  });
  it.each([
    ['TASK_STATE_COMPLETED', EXIT_CODES.OK],
    ['TASK_STATE_WORKING', EXIT_CODES.OK],
    ['TASK_STATE_FAILED', EXIT_CODES.TASK_FAILED],
    ['TASK_STATE_REJECTED', EXIT_CODES.TASK_FAILED],
    ['TASK_STATE_CANCELED', EXIT_CODES.TASK_FAILED],
    ['TASK_STATE_INPUT_REQUIRED', EXIT_CODES.TASK_INTERRUPTED],
    ['TASK_STATE_AUTH_REQUIRED', EXIT_CODES.TASK_INTERRUPTED],
  ] as const)('%s exits %i', (state, code) => expect(exitCodeForState(state)).toBe(code));
});

describe('colour', () => {
  it('colours only a TTY, never with NO_COLOR or TERM=dumb, always with FORCE_COLOR', () => {
    expect(shouldColour({}, true)).toBe(true);
    expect(shouldColour({}, false)).toBe(false);
    expect(shouldColour({ NO_COLOR: '1' }, true)).toBe(false);
    expect(shouldColour({ TERM: 'dumb' }, true)).toBe(false);
    expect(shouldColour({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(shouldColour({ FORCE_COLOR: '0' }, true)).toBe(false);
  });
  it('wraps text in ANSI codes only when enabled', () => {
    expect(createColours(true)('ok', 'green', 'bold')).toBe(
      '\u001b[32m\u001b[1mok\u001b[22m\u001b[39m',
    );
    expect(plain('ok', 'green')).toBe('ok');
  });
});
