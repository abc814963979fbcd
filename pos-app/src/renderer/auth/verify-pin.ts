import { scryptAsync } from '@noble/hashes/scrypt.js';

/**
 * Checks a PIN against an employee's `pinHash` in the PHC form HQ writes (sync-server employees/pin-hash.ts):
 * `$scrypt$ln=15,r=8,p=1$<salt b64>$<hash b64>`. Web Crypto has no scrypt, so @noble/hashes computes it;
 * the comparison runs over every byte whatever differs first.
 */
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function fromBase64(text: string): Uint8Array {
  const padded = text + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0));
}

export async function verifyPin(pin: string, pinHash: string): Promise<boolean> {
  const match = PHC.exec(pinHash);
  if (!match) return false;
  const ln = Number(match[1]);
  if (ln < 1 || ln > 20) return false;
  const salt = fromBase64(match[4]!);
  const expected = fromBase64(match[5]!);
  const key = await scryptAsync(new TextEncoder().encode(pin), salt, {
    N: 2 ** ln,
    r: Number(match[2]),
    p: Number(match[3]),
    dkLen: expected.length,
  });
  let diff = key.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (key[i] ?? 0) ^ expected[i]!;
  return diff === 0;
}
