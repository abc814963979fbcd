import { createHash, randomInt } from 'node:crypto';

/** ServiceID: "1-10 alphanumeric characters, unique within the last 48 hours for the terminal" (Make a payment). */
export const SERVICE_ID_LENGTH = 10;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The ServiceID of the money-moving message for one attempt at one tender: a pure function of the tender
 * id and the attempt number, so the lane restarting and sending the same tender again sends the same
 * ServiceID, which the terminal refuses to run twice. A new attempt (after a decline, a cancel, a busy
 * terminal) is the next number. 62^10 values keep the tenders of one terminal's 48 hours apart.
 */
export function serviceIdForTender(tenderId: string, attempt = 0): string {
  const digest = createHash('sha256').update(`tender:${attempt}:${tenderId}`).digest();
  let id = '';
  for (let i = 0; i < SERVICE_ID_LENGTH; i++) id += ALPHABET[(digest[i] as number) % ALPHABET.length];
  return id;
}

/** A fresh ServiceID for a message that moves no money (TransactionStatus, Abort). */
export function freshServiceId(): string {
  let id = '';
  for (let i = 0; i < SERVICE_ID_LENGTH; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}
