/**
 * How a table stores RxDB's index strings so that SQLite's order is JavaScript's order.
 *
 * RxDB orders index strings by JavaScript comparison, i.e. by UTF-16 code units. SQLite compares TEXT as UTF-8
 * bytes, i.e. by code point, which differs exactly where a string holds a character above U+FFFF (an emoji,
 * two code units D800-DFFF in UTF-16): by code point it sorts after U+E000-U+FFFF, by code unit before them,
 * so a range scan up to RxDB's open upper bound (U+FFFF) would miss it.
 *
 * - `utf16be` (tables created before `text-1`): a BLOB of the string as UTF-16 big-endian, which memcmp
 *   orders by code unit. Two bytes per character, and a Buffer per key.
 * - `text-1`: TEXT, with every code unit mapped one by one to a code point in the same order: U+0000-U+D7FF
 *   stay, the surrogates D800-DFFF become U+E000-U+E7FF, and U+E000-U+FFFF become U+10000-U+11FFF. The map is
 *   strictly increasing, and UTF-8 byte order is code point order, so SQLite orders the mapped text as
 *   JavaScript orders the original. Index strings are almost always below U+D800 (padded numbers, ids,
 *   '0'/'1' flags), and then the key is the string itself: one byte per ASCII character and no allocation.
 */
export type IndexKeyEncoding = 'utf16be' | 'text-1';

export type IndexKey = Buffer | string;

const NEEDS_MAPPING = /[\ud800-\uffff]/;
const MAPPED = /[\ud800-\uffff]/g;

function mapCodeUnit(unit: string): string {
  const code = unit.charCodeAt(0);
  return code < 0xe000 ? String.fromCharCode(code + 0x800) : String.fromCodePoint(0x10000 + code - 0xe000);
}

export function toUtf16IndexKey(indexString: string): Buffer {
  return Buffer.from(indexString, 'utf16le').swap16();
}

export function toTextIndexKey(indexString: string): string {
  return NEEDS_MAPPING.test(indexString) ? indexString.replace(MAPPED, mapCodeUnit) : indexString;
}

export function indexKeyEncoder(encoding: IndexKeyEncoding): (indexString: string) => IndexKey {
  return encoding === 'text-1' ? toTextIndexKey : toUtf16IndexKey;
}

export function indexKeyColumnType(encoding: IndexKeyEncoding): 'TEXT' | 'BLOB' {
  return encoding === 'text-1' ? 'TEXT' : 'BLOB';
}
