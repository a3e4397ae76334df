import { describe, expect, it } from 'vitest';

import { assertSchemaName, tableNames } from './schema-name.js';

describe('assertSchemaName', () => {
  it('accepts lower-case identifiers up to 48 characters', () => {
    for (const name of ['baton', '_x', 'baton_test_0123', 'a'.repeat(48)]) {
      expect(assertSchemaName(name)).toBe(name);
    }
  });

  it('refuses anything that would need quoting or could escape it', () => {
    for (const name of ['', 'Baton', '1x', 'a-b', 'a"b', 'a;drop', 'a b', 'a'.repeat(49), 'é']) {
      expect(() => assertSchemaName(name)).toThrow(TypeError);
    }
  });

  it('names the tables and channel of a schema', () => {
    expect(tableNames('s')).toMatchObject({
      tasks: '"s"."tasks"',
      taskEvents: '"s"."task_events"',
      channel: 's_events',
    });
  });
});
