/**
 * Printer column width of text. In Kanji mode a thermal printer prints a full-width (CJK) character in two
 * half-width columns, so padding and truncation must count columns, not UTF-16 code units.
 */
export function charColumns(codePoint: number): 1 | 2 {
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    codePoint >= 0x20000
  ) {
    return 2;
  }
  return 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charColumns(ch.codePointAt(0) ?? 0);
  return width;
}

/** Cuts text to at most `columns` printer columns without splitting a wide character. */
export function truncateToColumns(text: string, columns: number): string {
  let width = 0;
  let out = '';
  for (const ch of text) {
    const w = charColumns(ch.codePointAt(0) ?? 0);
    if (width + w > columns) break;
    width += w;
    out += ch;
  }
  return out;
}

/** Pads (or cuts) text to exactly `columns` printer columns. */
export function fitToColumns(text: string, columns: number, align: 'left' | 'center' | 'right'): string {
  const cut = truncateToColumns(text, columns);
  const gap = columns - displayWidth(cut);
  if (gap <= 0) return cut;
  if (align === 'right') return ' '.repeat(gap) + cut;
  if (align === 'center') {
    const left = Math.floor(gap / 2);
    return ' '.repeat(left) + cut + ' '.repeat(gap - left);
  }
  return cut + ' '.repeat(gap);
}
