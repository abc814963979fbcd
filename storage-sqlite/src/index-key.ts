/**
 * RxDB orders index strings by JavaScript comparison, i.e. by UTF-16 code units. SQLite compares TEXT as
 * UTF-8 bytes, which orders characters above U+FFFF (emoji) after U+FFFF, the character RxDB uses as the
 * open upper bound, so range scans would miss them. A BLOB holding the string as UTF-16 big-endian compares
 * with memcmp exactly like JavaScript compares the string.
 */
export function toIndexKey(indexString: string): Buffer {
  return Buffer.from(indexString, 'utf16le').swap16();
}
