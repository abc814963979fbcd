import { createServer, type Server, type Socket } from 'node:net';
import { err, ok, type Result } from '@storefloor/core';
import { SerialLine } from '../pty/serial-line.js';
import type { ReceiptRecord, SimDevice, SimEndpoint } from '../sim-device.js';
import { listen, unplug } from '../tcp-server.js';
import { EscPosDecoder, type EscPosEvent } from './escpos-decoder.js';
import { type PrintedReceipt, ReceiptAssembler, receiptText } from './printed-receipt.js';
import { SIM_PRINTER_MODELS, type SimPrinterModel } from './printer-model.js';
import { renderReceiptPng } from './receipt-png.js';
import { statusByteFor } from './status-bytes.js';

export type PrinterFault = 'paper-out' | 'paper-near-end' | 'cover-open' | 'offline' | 'lost-ack';

export const PRINTER_FAULTS: readonly PrinterFault[] = [
  'paper-out',
  'paper-near-end',
  'cover-open',
  'offline',
  'lost-ack',
];

export interface SimPrinterOptions {
  readonly id: string;
  readonly host?: string;
  /** TCP port; 0 (default) picks a free one. Real printers listen on 9100. */
  readonly port?: number;
  readonly lineWidth?: number;
  /** The printer model: its ESC t code tables and Kanji code (default `chinese-gb18030`). */
  readonly model?: SimPrinterModel;
  /** Attach by a serial cable (a pty pair in `runDir`) instead of TCP. */
  readonly serial?: { readonly runDir: string; readonly baudRate: number };
}

export interface SimReceipt extends ReceiptRecord {
  readonly printed: PrintedReceipt;
}

export interface DrawerKick {
  readonly at: string;
  readonly pin: 2 | 5;
  readonly onMs: number;
}

/**
 * A simulated ESC/POS receipt printer with a cash drawer on a raw TCP port (as port 9100 on a real one)
 * or on a serial line (a pty pair).
 * It decodes what it receives, prints receipts (a cut ends one), answers DLE EOT from its faults and
 * GS ( H process ID requests once the preceding data is printed.
 *
 * Faults: paper-out and cover-open stop printing (data is discarded, status says why); paper-near-end
 * only changes status; offline answers nothing at all; lost-ack swallows the next process ID answer.
 */
export class SimPrinter implements SimDevice {
  readonly id: string;
  readonly kind = 'printer' as const;
  readonly protocol: 'escpos-tcp' | 'escpos-serial';
  readonly faultKinds: readonly string[] = PRINTER_FAULTS;
  readonly #host: string;
  readonly #port: number;
  readonly #lineWidth: number;
  readonly model: SimPrinterModel;
  readonly #faults = new Set<PrinterFault>();
  readonly #receipts: SimReceipt[] = [];
  readonly #kicks: DrawerKick[] = [];
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  readonly #serial: { readonly runDir: string; readonly baudRate: number } | undefined;
  #line: SerialLine | undefined;
  #drawerOpen = false;
  #statusRequests = 0;

  constructor(options: SimPrinterOptions) {
    if (!options.id) throw new TypeError('sim printer option "id" is required');
    this.id = options.id;
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? 0;
    this.#lineWidth = options.lineWidth ?? 48;
    this.model = options.model ?? SIM_PRINTER_MODELS['chinese-gb18030'];
    this.#serial = options.serial;
    this.protocol = options.serial ? 'escpos-serial' : 'escpos-tcp';
  }

  get faults(): readonly string[] {
    return [...this.#faults];
  }

  get statusRequests(): number {
    return this.#statusRequests;
  }

  get drawerOpen(): boolean {
    return this.#drawerOpen;
  }

  async start(): Promise<void> {
    if (this.#serial) {
      if (this.#line) return;
      const line = new SerialLine({
        dir: this.#serial.runDir,
        name: this.id,
        baudRate: this.#serial.baudRate,
      });
      await line.connect();
      const feed = this.#session((bytes) => void line.write(bytes));
      line.onData(feed);
      this.#line = line;
      return;
    }
    if (this.#server) return;
    const server = createServer((socket) => this.#accept(socket));
    this.#server = server;
    return listen(server, this.#port, this.#host);
  }

  async stop(): Promise<void> {
    const line = this.#line;
    this.#line = undefined;
    if (line) await line.disconnect();
    const server = this.#server;
    this.#server = undefined;
    await unplug(server, this.#sockets);
  }

  endpoint(): SimEndpoint {
    if (this.#serial) return this.#line ? { path: this.#line.devicePath } : {};
    const address = this.#server?.address();
    return typeof address === 'object' && address ? { port: address.port } : {};
  }

  injectFault(kind: string): Result<void> {
    if (!(PRINTER_FAULTS as readonly string[]).includes(kind))
      return err('unknown-fault', `printer faults: ${PRINTER_FAULTS.join(', ')}`);
    this.#faults.add(kind as PrinterFault);
    return ok(undefined);
  }

  clearFault(kind: PrinterFault): void {
    this.#faults.delete(kind);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  /** A person pushes the drawer shut. */
  closeDrawer(): void {
    this.#drawerOpen = false;
  }

  receipts(): SimReceipt[] {
    return [...this.#receipts];
  }

  receiptPng(receiptId: string): Buffer | undefined {
    const r = this.#receipts.find((x) => x.id === receiptId);
    return r ? renderReceiptPng(r.printed, { lineWidth: this.#lineWidth }) : undefined;
  }

  drawerKicks(): DrawerKick[] {
    return [...this.#kicks];
  }

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    const feed = this.#session((bytes) => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => feed(new Uint8Array(chunk)));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.#sockets.delete(socket));
  }

  /** One host link (a TCP connection or the serial line): its own decoder state, answers back on `reply`. */
  #session(reply: (bytes: Uint8Array) => void): (chunk: Uint8Array) => void {
    const decoder = new EscPosDecoder(this.model);
    const assembler = new ReceiptAssembler();
    return (chunk) => {
      for (const event of decoder.push(chunk)) this.#handle(event, assembler, reply);
    };
  }

  #printing(): boolean {
    return !this.#faults.has('paper-out') && !this.#faults.has('cover-open') && !this.#faults.has('offline');
  }

  #handle(event: EscPosEvent, assembler: ReceiptAssembler, reply: (bytes: Uint8Array) => void): void {
    if (event.kind === 'status-request') {
      this.#statusRequests++;
      if (this.#faults.has('offline')) return;
      const byte = statusByteFor(event.n, {
        paperOut: this.#faults.has('paper-out'),
        paperNearEnd: this.#faults.has('paper-near-end'),
        coverOpen: this.#faults.has('cover-open'),
        drawerOpen: this.#drawerOpen,
      });
      if (byte !== undefined) reply(Uint8Array.of(byte));
      return;
    }
    if (!this.#printing()) return;
    switch (event.kind) {
      case 'process-id-request':
        if (this.#faults.delete('lost-ack')) return;
        reply(Uint8Array.from([0x37, 0x22, ...[...event.processId].map((c) => c.charCodeAt(0)), 0x00]));
        return;
      case 'drawer-kick':
        this.#drawerOpen = true;
        this.#kicks.push({ at: new Date().toISOString(), pin: event.pin, onMs: event.onMs });
        return;
      default: {
        const printed = assembler.accept(event);
        if (printed) {
          const id = `r-${String(this.#receipts.length + 1).padStart(4, '0')}`;
          this.#receipts.push({
            id,
            text: receiptText(printed),
            printedAt: new Date().toISOString(),
            printed,
          });
        }
      }
    }
  }
}
