import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Employee PINs are stored only as a slow salted hash, in the PHC string format core's employee schema asks
 * for: `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (github.com/P-H-C/phc-string-format; salt and hash in base64
 * without padding). ln = log2(N). A 4-6 digit PIN has little entropy, so the cost factor is what protects it
 * if a replica is stolen; every employee gets a fresh 16-byte salt.
 */
export interface ScryptCost {
  readonly ln: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_PIN_COST: ScryptCost = { ln: 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(pin: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.ln;
  return new Promise((resolve, reject) => {
    scrypt(
      pin,
      salt,
      KEY_LENGTH,
      { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

const b64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

export async function hashPin(pin: string, cost: ScryptCost = DEFAULT_PIN_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(pin, salt, cost);
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** True when `pin` matches `pinHash`; false for a wrong PIN or a hash this function cannot read. */
export async function verifyPin(pin: string, pinHash: string): Promise<boolean> {
  const match = PHC.exec(pinHash);
  if (!match) return false;
  const cost = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (cost.ln < 1 || cost.ln > 20) return false;
  const expected = Buffer.from(match[5] as string, 'base64');
  const key = await derive(pin, Buffer.from(match[4] as string, 'base64'), cost);
  return key.length === expected.length && timingSafeEqual(key, expected);
}
