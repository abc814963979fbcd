import type { TerminalResult } from '@storefloor/device-drivers';
import type { InvokeDevice } from './lane-devices.js';

/**
 * What the card terminal says of a tender whose answer this lane does not have (asked just before a crash,
 * or a purchase that ended in a timeout): the lane host's `payment-terminal.status`, which the nexo driver
 * sends as a TransactionStatus of that tender's message pair (the tender id is the sale's TransactionID
 * and fixes the ServiceID), asked until the answer is final. While the terminal is out of reach or the
 * payment still runs, the sale waits: settling it on a guess would lose a charge the shopper paid, and
 * paying again could take the money twice. `unknown-request` means the terminal never took the message,
 * so no money moved. The answer is device-drivers' `TerminalResult`, as pos-app's payment screen reads it.
 */
export async function finalCardOutcome(
  invoke: InvokeDevice,
  tenderId: string,
  onPending: (why: string) => void = () => {},
  terminalId = 'terminal',
): Promise<TerminalResult> {
  for (let attempt = 1; ; attempt++) {
    const status = await invoke(terminalId, 'payment-terminal.status', { requestId: tenderId });
    const answer = status.ok ? (status.value as TerminalResult) : undefined;
    if (answer && answer.outcome !== 'in-progress') return answer;
    if (attempt === 1 || attempt % 20 === 0) onPending(answer?.outcome ?? status.reason ?? 'no answer');
    await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * attempt)));
  }
}
