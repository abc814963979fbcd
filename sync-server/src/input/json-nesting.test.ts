import { describe, expect, it } from 'vitest';
import { jsonNestingOverflow } from './json-nesting.js';

describe('jsonNestingOverflow', () => {
  it('finds the first bracket past the limit, and only outside strings', () => {
    expect(jsonNestingOverflow('[[[1]]]', 3)).toBe(-1);
    expect(jsonNestingOverflow('[[[[1]]]]', 3)).toBe(3);
    expect(jsonNestingOverflow('{"a":{"b":[{}]}}', 4)).toBe(-1);
    expect(jsonNestingOverflow('{"a":{"b":[{}]}}', 3)).toBe(11);
    expect(jsonNestingOverflow('["[[[[[[", "{{{{"]', 1)).toBe(-1);
  });

  it('escaped quotes do not end a string; an escaped backslash before a quote does', () => {
    expect(jsonNestingOverflow('["a\\"[[[[", 1]', 1)).toBe(-1);
    expect(jsonNestingOverflow('["a\\\\", [[1]]]', 2)).toBe(9);
    expect(jsonNestingOverflow('["\\\\\\"[[["]', 1)).toBe(-1);
  });

  it('an unterminated string ends the scan (the JSON parser reports the text)', () => {
    expect(jsonNestingOverflow('["[[[[[', 1)).toBe(-1);
  });

  it('is linear: 100,000 levels are refused at the limit without walking them', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(jsonNestingOverflow(deep, 32)).toBe(32);
  });
});
