import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type BatchWrite, type StagedWork, WriteBatch } from '../src/write-batch.js';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE rows (name TEXT PRIMARY KEY) STRICT');
});
afterEach(() => db.close());

const names = () => db.prepare('SELECT name FROM rows ORDER BY name').pluck().all();
const insert = (name: string) => db.prepare('INSERT INTO rows (name) VALUES (?)').run(name);

/** A write that counts its runs; `fail` throws before or after it inserts `name`. */
function write(name: string, fail?: 'before' | 'after') {
  const counted = {
    runs: 0,
    applyStaged: false,
    run: () => {
      counted.runs++;
      if (fail === 'before') throw new Error(`${name} refused`);
      insert(name);
      if (fail === 'after') throw new Error(`${name} failed half-way`);
      return name;
    },
  };
  return counted;
}

describe('WriteBatch', () => {
  it('refuses a write that throws before changing anything, and runs each write once', () => {
    const writes = [write('a'), write('b', 'before'), write('c')];
    const outcomes = new WriteBatch(db).run(writes);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(names()).toEqual(['a', 'c']);
    expect(writes.map((w) => w.runs)).toEqual([1, 1, 1]);
  });

  it('undoes a write that throws half-way alone, by running the batch again in savepoints', () => {
    const writes = [write('a'), write('b', 'after'), write('c')];
    const outcomes = new WriteBatch(db).run(writes);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { message: 'b failed half-way' } });
    expect(names()).toEqual(['a', 'c']);
    // The first pass stopped at `b`.
    expect(writes.map((w) => w.runs)).toEqual([2, 2, 1]);
  });

  it('applies staged work once, after the writes or before a write that asks for it', () => {
    const log: string[] = [];
    let staged: string[] = [];
    const work: StagedWork = {
      apply: () => {
        log.push(`apply ${staged.join(',')}`);
        for (const name of staged) insert(`staged ${name}`);
        staged = [];
      },
      discard: () => {
        log.push('discard');
        staged = [];
      },
    };
    const staging = (name: string, applyStaged = false): BatchWrite => ({
      applyStaged,
      run: () => {
        insert(name);
        staged.push(name);
      },
    });
    const batch = new WriteBatch(db, work);
    batch.run([staging('a'), staging('b'), staging('c', true), staging('d')]);
    expect(log).toEqual(['apply a,b', 'apply c,d']);
    expect(names()).toEqual(['a', 'b', 'c', 'd', 'staged a', 'staged b', 'staged c', 'staged d']);

    // A batch that fails commits nothing and discards what its writes staged.
    log.length = 0;
    const broken: StagedWork = {
      apply: () => {
        insert('staged e');
        throw new Error('disk full');
      },
      discard: work.discard,
    };
    staged = ['e'];
    expect(() => new WriteBatch(db, broken).run([staging('e')])).toThrow('disk full');
    expect(log).toEqual(['discard']);
    expect(staged).toEqual([]);
    expect(names()).not.toContain('e');
  });
});
