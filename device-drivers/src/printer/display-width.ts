import { eastAsianWidth } from 'get-east-asian-width';

/** Columns one code point takes; the receipt encoder passes the printer profile's own measure. */
export type ColumnsOf = (codePoint: number) => number;

/**
 * Printer column width by Unicode East Asian Width (UAX #11, via get-east-asian-width): Wide and
 * Fullwidth characters take two half-width columns, ambiguous ones one (the UAX's default when the
 * context is unknown). Padding and truncation must count columns, not UTF-16 code units.
 */
export function charColumns(codePoint: number): 1 | 2 {
  return eastAsianWidth(codePoint, { ambiguousAsWide: false });
}

export function displayWidth(text: string, columnsOf: ColumnsOf = charColumns): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      width++;
      continue;
    }
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    width += columnsOf(cp);
  }
  return width;
}

/** Cuts text to at most `columns` printer columns without splitting a wide character. */
export function truncateToColumns(text: string, columns: number, columnsOf: ColumnsOf = charColumns): string {
  let width = 0;
  let end = 0;
  for (const ch of text) {
    const w = columnsOf(ch.codePointAt(0) ?? 0);
    if (width + w > columns) break;
    width += w;
    end += ch.length;
  }
  return end === text.length ? text : text.slice(0, end);
}

/** Pads (or cuts) text to exactly `columns` printer columns. */
export function fitToColumns(
  text: string,
  columns: number,
  align: 'left' | 'center' | 'right',
  columnsOf: ColumnsOf = charColumns,
): string {
  const cut = truncateToColumns(text, columns, columnsOf);
  const gap = columns - displayWidth(cut, columnsOf);
  if (gap <= 0) return cut;
  if (align === 'right') return ' '.repeat(gap) + cut;
  if (align === 'center') {
    const left = Math.floor(gap / 2);
    return ' '.repeat(left) + cut + ' '.repeat(gap - left);
  }
  return cut + ' '.repeat(gap);
}
