/**
 * A lane's printing process, started by print-restart.e2e.test.ts as a real child process:
 * `node --import tsx print-lane-process.ts <port> <ledger.sqlite> <jobId> [reprint]`. It prints one job
 * through the real driver with the durable ledger and writes the outcome as one JSON line.
 */
import { PRINTER_PROFILES } from '../src/printer/printer-profile.js';
import { ReceiptPrinter } from '../src/printer/receipt-printer.js';
import { SqlitePrintJobLedger } from '../src/printer/sqlite-print-job-ledger.js';
import { TcpTransport } from '../src/transport/tcp-transport.js';

const [port, ledgerPath, jobId, mode] = process.argv.slice(2);
const ledger = new SqlitePrintJobLedger(ledgerPath as string);
const printer = new ReceiptPrinter(
  {
    id: 'lane-7-printer',
    profile: PRINTER_PROFILES['epson-western'],
    pollIntervalMs: 0,
    statusTimeoutMs: 5000,
    // Long enough that only a kill ends a job whose acknowledgement was lost.
    jobTimeoutMs: 120_000,
    ledger,
  },
  new TcpTransport({ host: '127.0.0.1', port: Number(port) }),
);

await printer.open();
await printer.claim();
await printer.enable();
const result = await printer.print(
  {
    jobId: jobId as string,
    receipt: {
      blocks: [
        { kind: 'text', text: 'CAFÉ MÜLLER', align: 'center' },
        {
          kind: 'columns',
          columns: [
            { text: 'Crème brûlée', width: 40 },
            { text: '€4.50', width: 8, align: 'right' },
          ],
        },
        { kind: 'cut' },
      ],
    },
  },
  { reprint: mode === 'reprint' },
);
process.stdout.write(`${JSON.stringify(result)}\n`);
await printer.shutdown();
ledger.close();
