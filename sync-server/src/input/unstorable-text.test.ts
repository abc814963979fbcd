import { describe, expect, it } from 'vitest';
import { findUnstorableText, textProblem } from './unstorable-text.js';

describe('unstorable text', () => {
  it('names U+0000 and lone or reversed surrogates, and lets well-formed pairs through', () => {
    expect(textProblem('a\u0000b')).toBe('nul-character');
    expect(textProblem('\ud800')).toBe('lone-surrogate');
    expect(textProblem('x\udc00')).toBe('lone-surrogate');
    expect(textProblem('\udc00\ud800')).toBe('lone-surrogate');
    expect(textProblem('\ud800\ud800\udc00')).toBe('lone-surrogate');
    expect(textProblem('pizza \ud83c\udf55')).toBeUndefined();
    expect(textProblem('Crème brûlée 北京')).toBeUndefined();
  });

  it('finds the path of a bad value or key, however deep, without recursion', () => {
    expect(findUnstorableText({ lines: [{ name: 'ok' }, { name: 'a\u0000' }] })).toEqual({
      path: '/lines/1/name',
      problem: 'nul-character',
    });
    expect(findUnstorableText({ a: { '\ud800': 1 } })).toEqual({
      path: '/a/"\\ud800"',
      problem: 'lone-surrogate',
    });
    expect(findUnstorableText('\u0000')).toEqual({ path: '/', problem: 'nul-character' });
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.problem).toBe('nul-character');
    expect(findUnstorableText({ n: 1, b: true, z: null, s: 'fine' })).toBeUndefined();
  });
});
