/**
 * Text that cannot be stored or sent on: U+0000 (PostgreSQL's text and jsonb refuse it) and a lone or reversed
 * UTF-16 surrogate (`"\ud800"`, `"\udc00\ud800"`: not Unicode text; jsonb refuses it and no UTF-8 encoder can
 * write it back out). Found by an iterative walk, so a deeply nested value cannot overflow the stack.
 */
export interface UnstorableText {
  /** JSON-pointer-like path of the string or key, `/` for the value itself. */
  readonly path: string;
  readonly problem: 'nul-character' | 'lone-surrogate';
}

// Fast screen: only strings holding U+0000 or any surrogate need the exact check.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding U+0000 is the point of this pattern.
const SUSPECT = /[\u0000\ud800-\udfff]/;
// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function textProblem(text: string): UnstorableText['problem'] | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes('\u0000')) return 'nul-character';
  return LONE_SURROGATE.test(text) ? 'lone-surrogate' : undefined;
}

/** The first string value or object key in `value` that cannot be stored, or undefined. */
export function findUnstorableText(value: unknown): UnstorableText | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const current = item.value;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { path: item.path || '/', problem };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        stack.push({ value: current[i], path: `${item.path}/${i}` });
      continue;
    }
    const entries = Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: `${item.path}/${JSON.stringify(key)}`, problem: keyProblem };
      stack.push({ value: child, path: `${item.path}/${key}` });
    }
  }
  return undefined;
}

/** `"/lines/0/name holds U+0000"`: the detail of an `invalid-text` answer. */
export function describeUnstorableText(found: UnstorableText, where = ''): string {
  const what = found.problem === 'nul-character' ? 'U+0000' : 'a lone UTF-16 surrogate';
  return `${where}${found.path} holds ${what}, which cannot be stored`;
}
