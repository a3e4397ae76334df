import vm from 'node:vm';

import { describe, expect, it } from 'vitest';

import { withMembers } from '../src/with-members.js';

describe('withMembers in a hardened realm', () => {
  it('defines keys that a frozen Object.prototype holds, as a spread does', () => {
    // A realm of its own, so that freezing its Object.prototype leaves the test's alone.
    const realm = vm.createContext({});
    const run = vm.runInContext(
      `Object.freeze(Object.prototype);
       const withMembers = (${withMembers.toString()});
       const made = withMembers({ toString: 'own', text: 'x' }, { constructor: 'c' });
       [Object.keys(made), made.toString, made.constructor];`,
      realm,
    ) as unknown[];
    expect(JSON.parse(JSON.stringify(run))).toEqual([
      ['toString', 'text', 'constructor'],
      'own',
      'c',
    ]);
  });
});
