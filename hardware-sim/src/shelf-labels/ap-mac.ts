// How the OpenEPaperLink AP firmware reads and prints a tag MAC (jjwbruijn/OpenEPaperLink at 468f6b77,
// ESP32_AP-Flasher/src/tag_db.cpp). Written from that source, apart from the client's label-mac.ts
// (ARCHITECTURE.md §2).

/** The 8 bytes of a tag MAC, stored as the firmware stores them: byte 0 is the last printed pair. */
export type TagMac = Uint8Array;

/**
 * `hex2mac` (tag_db.cpp:53-66): exactly 12 or 16 hex characters, read two by two into mac[5..0] (12) or
 * mac[7..0] (16); for 12 characters mac[6] and mac[7] are 0. Anything else (colons, 17 characters) is
 * refused: the firmware never strips separators.
 */
export function readTagMac(text: string): TagMac | undefined {
  if ((text.length !== 12 && text.length !== 16) || !/^[0-9A-Fa-f]+$/.test(text)) return undefined;
  const mac = new Uint8Array(8);
  const pairs = text.length / 2;
  for (let i = 0; i < pairs; i++) mac[pairs - 1 - i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return mac;
}

/** `mac2hex` (tag_db.cpp:48-51): mac[7] down to mac[0], two upper-case hex digits each. */
export function printTagMac(mac: TagMac): string {
  let text = '';
  for (let i = 7; i >= 0; i--) text += (mac[i] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return text;
}
