import { scrypt, timingSafeEqual } from 'node:crypto';

/** The PHC string HQ stores for an employee's PIN: `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64, no padding). */
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * True when `pin` matches the employee's PHC scrypt hash; false for a wrong PIN or a hash this cannot read.
 * Checked here at the edge, not on the kiosk, so wrong attempts count in one place for every device.
 */
export async function pinMatches(pin: string, pinHash: string): Promise<boolean> {
  const match = PHC.exec(pinHash);
  if (!match) return false;
  const [, ln, r, p, salt, hash] = match;
  const N = 2 ** Number(ln);
  const blockSize = Number(r);
  const expected = Buffer.from(hash!, 'base64');
  if (expected.length === 0) return false;
  const derived = await new Promise<Buffer | undefined>((resolve) =>
    scrypt(
      pin,
      Buffer.from(salt!, 'base64'),
      expected.length,
      { N, r: blockSize, p: Number(p), maxmem: 256 * N * blockSize + 1024 * 1024 },
      (error, key) => resolve(error ? undefined : key),
    ),
  );
  return derived !== undefined && timingSafeEqual(derived, expected);
}
