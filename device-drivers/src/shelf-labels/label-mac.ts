/**
 * The form in which an OpenEPaperLink access point names a tag: 16 upper-case hex characters. A 6-byte
 * MAC (12 hex) is the 8-byte one with two zero bytes on top, so it prints as `0000` + the 12 characters: the
 * firmware's `hex2mac` reads 12 characters into bytes 5..0 and zeroes bytes 6 and 7, and `mac2hex` prints
 * bytes 7..0 (jjwbruijn/OpenEPaperLink, ESP32_AP-Flasher/src/tag_db.cpp, `hex2mac` and `mac2hex`).
 * Separators people type (`aa:bb:…`, `aa-bb-…`) are dropped here; the AP itself refuses them.
 */
export function normalizeLabelMac(mac: string): string | undefined {
  const hex = mac.replace(/[:\-\s]/g, '').toUpperCase();
  if (/^[0-9A-F]{16}$/.test(hex)) return hex;
  if (/^[0-9A-F]{12}$/.test(hex)) return `0000${hex}`;
  return undefined;
}
