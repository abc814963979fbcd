import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toTextIndexKey, toUtf16IndexKey } from '../src/index-key.js';

/** Code units from every range where UTF-16 and UTF-8 order disagree, and their neighbours. */
const unit = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0xd7f0, max: 0xd7ff }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.integer({ min: 0xe000, max: 0xe00f }),
  fc.integer({ min: 0xfff0, max: 0xffff }),
  fc.integer({ min: 0, max: 0xffff }),
);
const indexString = fc.array(unit, { maxLength: 8 }).map((codes) => String.fromCharCode(...codes));

/** JavaScript's order, the one RxDB's query planner assumes: by UTF-16 code unit. */
const jsOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('index keys', () => {
  it('make SQLite order rows exactly as JavaScript orders the index strings, in both encodings', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE k (n INTEGER PRIMARY KEY, text_key TEXT NOT NULL, blob_key BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO k (n, text_key, blob_key) VALUES (?, ?, ?)');
    const byText = db.prepare('SELECT n FROM k ORDER BY text_key, n').pluck();
    const byBlob = db.prepare('SELECT n FROM k ORDER BY blob_key, n').pluck();
    fc.assert(
      fc.property(fc.array(indexString, { minLength: 2, maxLength: 30 }), (strings) => {
        db.exec('DELETE FROM k');
        strings.forEach((s, n) => {
          insert.run(n, toTextIndexKey(s), toUtf16IndexKey(s));
        });
        const expected = strings.map((s, n) => ({ s, n })).sort((a, b) => jsOrder(a.s, b.s) || a.n - b.n);
        expect(byText.all()).toEqual(expected.map((e) => e.n));
        expect(byBlob.all()).toEqual(expected.map((e) => e.n));
      }),
      { numRuns: 500 },
    );
    db.close();
  });

  it('keeps RxDB-style range bounds inclusive of emoji below the open upper bound', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE k (key TEXT NOT NULL)');
    const values = ['a', 'a\u{1F600}', 'a\uffef', 'b'];
    for (const value of values) {
      db.prepare('INSERT INTO k VALUES (?)').run(toTextIndexKey(value));
    }
    const inRange = db
      .prepare('SELECT count(*) FROM k WHERE key >= ? AND key <= ?')
      .pluck()
      .get(toTextIndexKey('a'), toTextIndexKey('a\uffff'));
    expect(inRange).toBe(3);
    db.close();
  });

  it('leaves plain index strings as they are: one byte per ASCII character, no allocation', () => {
    const plain = '0000000012.000000sale-000001';
    expect(toTextIndexKey(plain)).toBe(plain);
  });
});
