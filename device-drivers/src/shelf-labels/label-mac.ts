/**
 * OpenEPaperLink names a tag by its MAC as 12 or 16 hex characters; the access point always answers with
 * 16 upper-case characters (6-byte MACs are padded with 0000 at the end).
 */
export function normalizeLabelMac(mac: string): string | undefined {
  const hex = mac.replace(/[:\-\s]/g, '').toUpperCase();
  if (/^[0-9A-F]{16}$/.test(hex)) return hex;
  if (/^[0-9A-F]{12}$/.test(hex)) return `${hex}0000`;
  return undefined;
}
