/** Garbage as a noisy line or a wrong baud rate produces: mostly non-ASCII, no frame delimiters. */
export function lineNoise(length: number, random: () => number = Math.random): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) out[i] = 0x80 | Math.floor(random() * 0x80);
  return out;
}

/**
 * What a receiver at the wrong baud rate makes of a frame: every byte is smeared into a different, mostly
 * high-bit one and delimiters are lost. Deterministic so tests can reason about it.
 */
export function wrongBaud(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(bytes, (b) => 0x80 | ((b * 7 + 3) & 0x7f));
}
