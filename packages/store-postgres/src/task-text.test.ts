import { makeMessage, makeTask } from '@baton/test-utils';
import { describe, expect, it } from 'vitest';

import { MAX_SEARCH_TEXT, taskSearchText } from './task-text.js';

describe('taskSearchText', () => {
  it('takes status message, artifacts, then history newest first, with data parts as JSON', () => {
    const task = makeTask({
      status: { state: 'TASK_STATE_INPUT_REQUIRED', message: makeMessage('status') },
      artifacts: [{ artifactId: 'a', parts: [{ text: 'artifact' }, { data: { k: 'v' } }] }],
      history: [
        makeMessage('old'),
        makeMessage('new'),
        { ...makeMessage(''), parts: [{ url: 'u' }] },
      ],
    });
    expect(taskSearchText(task).split('\n')).toEqual([
      'status',
      'artifact',
      '{"k":"v"}',
      'new',
      'old',
    ]);
  });

  it('drops NUL characters and stops at the cap, keeping the newest history', () => {
    const long = 'x'.repeat(MAX_SEARCH_TEXT);
    const task = makeTask({
      history: [makeMessage('oldest'), makeMessage(long), makeMessage('a\u0000b')],
    });
    const text = taskSearchText(task);
    expect(text.length).toBe(MAX_SEARCH_TEXT);
    expect(text.startsWith('a b\n')).toBe(true);
    expect(text).not.toContain('oldest');
  });
});
