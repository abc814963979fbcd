import { randomInt } from 'node:crypto';
import { err, ok, type Result } from '@storefloor/core';
import type { DeviceOptions } from '../device/device.js';
import type { DeviceKind } from '../device/device-kind.js';
import type { DeviceStatus } from '../device/device-status.js';
import { TransportDevice } from '../device/transport-device.js';
import type { ByteTransport } from '../transport/byte-transport.js';
import { MemoryPrintJobLedger, type PrintJobLedger, type PrintJobRecord } from './print-job-ledger.js';
import type { PrintWarning } from './printable-text.js';
import { DEFAULT_PRINTER_PROFILE, type PrinterProfile } from './printer-profile.js';
import { PrinterResponseParser } from './printer-response-parser.js';
import { processIdFor, processIdRequest } from './process-id.js';
import {
  type ConditionOptions,
  conditionFromReadings,
  decodeStatusByte,
  type PrinterCondition,
  type StatusQuery,
  type StatusReading,
  statusQueryCommand,
} from './realtime-status.js';
import type { DrawerPin, Receipt } from './receipt.js';
import { drawerKickCommand, encodeReceipt, type ReceiptEncodeFailure } from './receipt-encoder.js';

export interface PrintJob {
  /** Stable id chosen by the caller (the sale's receipt id): a retry reuses it. */
  readonly jobId: string;
  readonly receipt: Receipt;
}

export interface PrintOptions {
  /** Print again although the ledger says the job was printed; the copy is headed "REPRINT". */
  readonly reprint?: boolean;
}

export type PrintOutcome = 'printed' | 'already-printed' | 'reprinted';

export interface PrintJobDone {
  readonly jobId: string;
  readonly outcome: PrintOutcome;
  /** Characters this printer could not print, and the substitutes printed instead. */
  readonly warnings: readonly PrintWarning[];
}

export type PrintFailure =
  | 'not-enabled'
  | 'paper-out'
  | 'cover-open'
  | 'printer-offline'
  | 'printer-error'
  | 'timeout'
  | 'write-failed'
  | 'delivery-unknown'
  | ReceiptEncodeFailure;

export type StatusFailure = 'timeout' | 'write-failed' | 'not-connected';

/** What the printer reports as `data`: its condition whenever it changes, and each finished job. */
export type PrinterEvent =
  | { readonly kind: 'condition'; readonly condition: PrinterCondition }
  | { readonly kind: 'job'; readonly job: PrintJobDone };

export interface ReceiptPrinterOptions extends DeviceOptions, ConditionOptions {
  readonly lineWidth?: number;
  /** What this printer model can print (code pages, Kanji mode); default `chinese-gb18030`. */
  readonly profile?: PrinterProfile;
  /** How long to wait for each DLE EOT answer (default 1000 ms). */
  readonly statusTimeoutMs?: number;
  /** How long to wait for the end-of-job process ID answer (default 15000 ms). */
  readonly jobTimeoutMs?: number;
  /** Poll status this often while enabled; 0 turns polling off (default 2000 ms). */
  readonly pollIntervalMs?: number;
  readonly ledger?: PrintJobLedger;
}

interface Waiter<T> {
  resolve(value: T | undefined): void;
  timer: NodeJS.Timeout;
}

const REPRINT_BANNER: Receipt['blocks'][number] = {
  kind: 'text',
  text: '*** REPRINT ***',
  align: 'center',
  style: { bold: true, doubleWidth: true },
};

/**
 * An ESC/POS receipt printer with its cash drawer, over any ByteTransport (TCP 9100, serial, USB).
 *
 * Exactly-once printing: each job carries a GS ( H process ID and counts as confirmed when the printer
 * echoes it. The ledger records a job as `written` before waiting, so a retry of the same job id after a
 * lost acknowledgement asks the printer's status instead of printing a second receipt.
 */
export class ReceiptPrinter extends TransportDevice<PrinterEvent> {
  readonly kind: DeviceKind = 'printer';
  readonly ledger: PrintJobLedger;
  readonly #parser = new PrinterResponseParser();
  readonly #statusWaiters: Array<{ n: StatusQuery; waiter: Waiter<StatusReading> }> = [];
  readonly #jobWaiters = new Map<string, Waiter<true>>();
  #statusChain: Promise<unknown> = Promise.resolve();
  #processSeq = randomInt(0, 1_000_000);
  #pollTimer: NodeJS.Timeout | undefined;
  /** Bumped on each stop so a poll already in flight does not schedule another. */
  #pollGeneration = 0;
  #condition: PrinterCondition | undefined;
  readonly #opts: Required<
    Pick<ReceiptPrinterOptions, 'statusTimeoutMs' | 'jobTimeoutMs' | 'pollIntervalMs'>
  >;

  readonly #conditionOptions: ConditionOptions;
  readonly #lineWidth: number;
  readonly profile: PrinterProfile;

  constructor(options: ReceiptPrinterOptions, transport: ByteTransport) {
    super(options, transport);
    this.#conditionOptions = options;
    this.#lineWidth = options.lineWidth ?? 48;
    this.profile = options.profile ?? DEFAULT_PRINTER_PROFILE;
    this.ledger = options.ledger ?? new MemoryPrintJobLedger();
    this.#opts = {
      statusTimeoutMs: positive('statusTimeoutMs', options.statusTimeoutMs ?? 1000),
      jobTimeoutMs: positive('jobTimeoutMs', options.jobTimeoutMs ?? 15_000),
      pollIntervalMs: options.pollIntervalMs ?? 2000,
    };
  }

  /** The last condition read from the printer, if any. */
  get condition(): PrinterCondition | undefined {
    return this.#condition;
  }

  protected override onConnected(): void {
    this.#parser.reset();
  }

  protected onBytes(bytes: Uint8Array): void {
    for (const response of this.#parser.push(bytes)) {
      if (response.kind === 'status-byte') {
        const pending = this.#statusWaiters.shift();
        if (!pending) {
          this.emitError({
            reason: 'unexpected-status',
            detail: `status byte 0x${response.byte.toString(16)}`,
          });
          continue;
        }
        const reading = decodeStatusByte(pending.n, response.byte);
        clearTimeout(pending.waiter.timer);
        pending.waiter.resolve(reading.ok ? reading.value : undefined);
      } else if (response.kind === 'process-id') {
        const waiter = this.#jobWaiters.get(response.processId);
        if (waiter) {
          this.#jobWaiters.delete(response.processId);
          clearTimeout(waiter.timer);
          waiter.resolve(true);
        }
      } else {
        this.emitError({ reason: 'unrecognised-byte', detail: `0x${response.byte.toString(16)}` });
      }
    }
  }

  protected override onEnable(): void {
    this.#startPolling();
  }

  protected override onDisable(): void {
    this.#stopPolling();
  }

  protected override async disconnect(): Promise<void> {
    this.#stopPolling();
    this.#releaseWaiters();
    await super.disconnect();
  }

  /** A printer that vanishes mid-receipt: every wait for its answers ends now, as a typed failure. */
  protected override linkLost(reason?: string, detail?: string): void {
    super.linkLost(reason, detail);
    this.#releaseWaiters();
  }

  #releaseWaiters(): void {
    for (const { waiter } of this.#statusWaiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve(undefined);
    }
    for (const waiter of this.#jobWaiters.values()) {
      clearTimeout(waiter.timer);
      waiter.resolve(undefined);
    }
    this.#jobWaiters.clear();
  }

  #startPolling(): void {
    if (this.#opts.pollIntervalMs <= 0 || this.#pollTimer) return;
    const generation = ++this.#pollGeneration;
    const tick = async () => {
      await this.queryStatus();
      if (generation === this.#pollGeneration) this.#pollTimer = setTimeout(tick, this.#opts.pollIntervalMs);
    };
    this.#pollTimer = setTimeout(tick, this.#opts.pollIntervalMs);
  }

  #stopPolling(): void {
    this.#pollGeneration++;
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
  }

  /** Asks one DLE EOT n; undefined when the printer did not answer in time. */
  #ask(n: StatusQuery): Promise<StatusReading | undefined | 'write-failed'> {
    return new Promise((resolve) => {
      const waiter: Waiter<StatusReading> = {
        resolve: (v) => resolve(v),
        timer: setTimeout(() => {
          const i = this.#statusWaiters.findIndex((w) => w.waiter === waiter);
          if (i >= 0) this.#statusWaiters.splice(i, 1);
          resolve(undefined);
        }, this.#opts.statusTimeoutMs),
      };
      this.#statusWaiters.push({ n, waiter });
      void this.send(statusQueryCommand(n)).then((sent) => {
        if (sent.ok) return;
        clearTimeout(waiter.timer);
        const i = this.#statusWaiters.findIndex((w) => w.waiter === waiter);
        if (i >= 0) this.#statusWaiters.splice(i, 1);
        resolve('write-failed');
      });
    });
  }

  /**
   * Reads DLE EOT 1–4 and reports the result: a `status` event (paper-out, cover-open, printer-offline,
   * no-answer…) and a `condition` data event when it changed. A silent printer is a `timeout` value.
   */
  queryStatus(): Promise<Result<PrinterCondition, StatusFailure>> {
    const run = async (): Promise<Result<PrinterCondition, StatusFailure>> => {
      if (!this.connected) return err('not-connected', undefined, this.location());
      const readings: Partial<Record<StatusQuery, StatusReading>> = {};
      for (const n of [1, 2, 3, 4] as const) {
        const reading = await this.#ask(n);
        if (reading === 'write-failed') return err('write-failed', undefined, this.location());
        if (reading === undefined) {
          this.setStatus({
            health: 'offline',
            reason: 'no-answer',
            path: this.location(),
            detail: `DLE EOT ${n}`,
          });
          return err(
            'timeout',
            `no answer to DLE EOT ${n} within ${this.#opts.statusTimeoutMs} ms`,
            this.location(),
          );
        }
        readings[n] = reading;
        // An offline printer still answers; its cause comes from n = 2 and 3, so keep asking.
      }
      const condition = conditionFromReadings(readings, this.#conditionOptions);
      this.#report(condition);
      return ok(condition);
    };
    const next = this.#statusChain.then(run, run);
    this.#statusChain = next;
    return next;
  }

  #report(condition: PrinterCondition): void {
    const prev = this.#condition;
    this.#condition = condition;
    this.setStatus(statusOf(condition, this.location()));
    if (!prev || JSON.stringify(prev) !== JSON.stringify(condition))
      this.emitData({ kind: 'condition', condition });
  }

  /** Prints a job at most once per job id, unless `reprint` is asked for. */
  async print(job: PrintJob, options: PrintOptions = {}): Promise<Result<PrintJobDone, PrintFailure>> {
    if (this.state !== 'enabled') return err('not-enabled', `printer is ${this.state}`, this.location());
    if (typeof job.jobId !== 'string' || job.jobId.length === 0)
      throw new TypeError('job "jobId" must be a non-empty string');
    const known = this.ledger.get(job.jobId);
    if (known && !options.reprint) return this.#confirmKnown(known);

    const status = await this.queryStatus();
    if (!status.ok)
      return err(status.reason === 'timeout' ? 'timeout' : 'write-failed', status.detail, this.location());
    const blocked = blockingFailure(status.value);
    if (blocked) return err(blocked, undefined, this.location());

    const receipt = options.reprint ? { blocks: [REPRINT_BANNER, ...job.receipt.blocks] } : job.receipt;
    const encoded = encodeReceipt(receipt, { lineWidth: this.#lineWidth, profile: this.profile });
    if (!encoded.ok) return encoded;
    const { warnings } = encoded.value;
    const processId = processIdFor(this.#processSeq++);
    const request = processIdRequest(processId);
    const bytes = new Uint8Array(encoded.value.bytes.length + request.length);
    bytes.set(encoded.value.bytes);
    bytes.set(request, encoded.value.bytes.length);

    const acked = this.#waitForProcessId(processId);
    const copies = (known?.copies ?? 0) + 1;
    // Recorded before the first byte leaves: a crash from here on leaves a trace, never a silent reprint.
    const record = (state: PrintJobRecord['state']) =>
      this.ledger.put({ jobId: job.jobId, state, processId, copies, updatedAt: new Date().toISOString() });
    record('sending');
    const sent = await this.send(bytes);
    if (!sent.ok) {
      this.#cancelProcessId(processId);
      // Nothing (or only part) reached the printer: the job is not printed, so forget this attempt.
      if (known) this.ledger.put(known);
      else this.ledger.remove(job.jobId);
      return err('write-failed', sent.detail, this.location());
    }
    record('written');
    if (!(await acked)) {
      const after = await this.queryStatus();
      if (!after.ok && after.reason === 'not-connected')
        return err(
          'delivery-unknown',
          'the printer went away after the job was sent; retry with the same job id to confirm, or reprint',
          this.location(),
        );
      const cause = after.ok ? blockingFailure(after.value) : undefined;
      return err(
        cause ?? 'timeout',
        'job sent but not acknowledged; retry with the same job id to confirm, or reprint explicitly',
        this.location(),
      );
    }
    record('confirmed');
    const done: PrintJobDone = {
      jobId: job.jobId,
      outcome: options.reprint && known ? 'reprinted' : 'printed',
      warnings,
    };
    this.emitData({ kind: 'job', job: done });
    return ok(done);
  }

  /**
   * A retried job id already in the ledger. Confirmed: nothing to do. Still `sending` (the lane died
   * mid-write): nobody can tell what is on paper, say so. Written but unacknowledged: the
   * bytes went out; if the printer is healthy now it printed them, so record that. If it is not (paper
   * ran out, cover opened) nobody can tell whether the receipt came out: say so, and let a person choose
   * to reprint.
   */
  async #confirmKnown(record: PrintJobRecord): Promise<Result<PrintJobDone, PrintFailure>> {
    if (record.state === 'confirmed')
      return ok({ jobId: record.jobId, outcome: 'already-printed', warnings: [] });
    if (record.state === 'sending') {
      // The lane stopped while the bytes were going out: part, all or none of the receipt may be on paper.
      return err(
        'delivery-unknown',
        `job ${record.jobId} was being sent when the lane stopped; reprint it explicitly if it is not out`,
        this.location(),
      );
    }
    const status = await this.queryStatus();
    if (!status.ok) return err('timeout', status.detail, this.location());
    const blocked = blockingFailure(status.value);
    if (blocked) {
      return err(
        'delivery-unknown',
        `job ${record.jobId} was sent but the printer reports ${blocked}`,
        this.location(),
      );
    }
    this.ledger.put({ ...record, state: 'confirmed', updatedAt: new Date().toISOString() });
    return ok({ jobId: record.jobId, outcome: 'already-printed', warnings: [] });
  }

  #waitForProcessId(processId: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.#jobWaiters.set(processId, {
        resolve: (v) => resolve(v === true),
        timer: setTimeout(() => {
          this.#jobWaiters.delete(processId);
          resolve(false);
        }, this.#opts.jobTimeoutMs),
      });
    });
  }

  #cancelProcessId(processId: string): void {
    const waiter = this.#jobWaiters.get(processId);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.#jobWaiters.delete(processId);
    waiter.resolve(undefined);
  }

  /** Opens the cash drawer (ESC p). Like any buffered command it is not executed while the printer is stopped. */
  async kickDrawer(pin: DrawerPin = 2): Promise<Result<void, 'not-enabled' | 'write-failed'>> {
    if (this.state !== 'enabled') return err('not-enabled', `printer is ${this.state}`, this.location());
    const sent = await this.send(drawerKickCommand(pin));
    return sent.ok ? ok(undefined) : err('write-failed', sent.detail, this.location());
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`printer option "${name}" must be a positive number`);
  return value;
}

function blockingFailure(
  c: PrinterCondition,
): 'paper-out' | 'cover-open' | 'printer-offline' | 'printer-error' | undefined {
  if (c.paperOut) return 'paper-out';
  if (c.coverOpen) return 'cover-open';
  if (c.errors.length > 0) return 'printer-error';
  if (!c.online) return 'printer-offline';
  return undefined;
}

function statusOf(c: PrinterCondition, path: string): DeviceStatus {
  const blocked = blockingFailure(c);
  if (blocked === 'printer-offline') return { health: 'offline', reason: 'printer-offline', path };
  if (blocked)
    return {
      health: 'error',
      reason: blocked,
      path,
      ...(c.errors.length ? { detail: c.errors.join(',') } : {}),
    };
  if (c.paperNearEnd) return { health: 'online', reason: 'paper-near-end', path };
  return { health: 'online', path };
}
