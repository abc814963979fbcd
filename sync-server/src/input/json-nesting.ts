/** Deeper than any Storefloor document (a sale is 4 levels, a push body adds 2): room to grow, none to abuse. */
export const DEFAULT_MAX_JSON_DEPTH = 32;

/**
 * The character offset at which JSON `text` opens its `maxDepth + 1`-th nested array or object, or -1.
 * A linear scan that skips strings (and their escapes), run BEFORE the text is parsed, so that nothing
 * recursive (a validator, a walker, the database's jsonb parser) ever sees a value nested thousands deep.
 * It does not check that the text is JSON: the parser does that next.
 */
export function jsonNestingOverflow(text: string, maxDepth: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x22 /* " */) {
      // Jump to the closing quote natively (strings are most of a document's bytes): a quote preceded by an
      // even number of backslashes closes the string.
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return -1; // unterminated: the parser reports it
        let backslashes = 0;
        while (text.charCodeAt(quote - 1 - backslashes) === 0x5c /* \ */) backslashes++;
        if (backslashes % 2 === 0) {
          i = quote;
          break;
        }
        from = quote + 1;
      }
    } else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      depth++;
      if (depth > maxDepth) return i;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) depth--;
  }
  return -1;
}
