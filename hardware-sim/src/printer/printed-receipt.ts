import type { Alignment, EscPosEvent } from './escpos-decoder.js';

export interface PrintedSpan {
  readonly text: string;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly invert: boolean;
  readonly widthMultiplier: number;
  readonly heightMultiplier: number;
  /** Printed in Kanji mode: every character takes two half-width columns. */
  readonly wide: boolean;
}

export interface PrintedLine {
  readonly align: Alignment;
  readonly spans: readonly PrintedSpan[];
  /** A QR code or barcode printed on this line, as the simulator notes it. */
  readonly code?: { readonly kind: 'qr' | 'barcode'; readonly symbology: string; readonly data: string };
}

export interface PrintedReceipt {
  readonly lines: readonly PrintedLine[];
  readonly cut: 'full' | 'partial';
}

export function lineText(line: PrintedLine): string {
  if (line.code) return `[${line.code.kind === 'qr' ? 'QR' : line.code.symbology}: ${line.code.data}]`;
  return line.spans.map((s) => s.text).join('');
}

export function receiptText(receipt: PrintedReceipt): string {
  return receipt.lines.map(lineText).join('\n');
}

/**
 * Turns decoder events into paper: lines of styled spans, cut into receipts. A cut ends a receipt;
 * drawer kicks and status requests are not paper and are left to the caller.
 */
export class ReceiptAssembler {
  #lines: PrintedLine[] = [];
  #spans: PrintedSpan[] = [];
  #align: Alignment = 'left';

  /** Feeds one event; returns the receipt it completed, if it was a cut. */
  accept(event: EscPosEvent): PrintedReceipt | undefined {
    switch (event.kind) {
      case 'text':
        if (this.#spans.length === 0) this.#align = event.style.align;
        this.#spans.push({
          text: event.text,
          bold: event.style.bold,
          underline: event.style.underline,
          invert: event.style.invert,
          widthMultiplier: event.style.widthMultiplier,
          heightMultiplier: event.style.heightMultiplier,
          wide: event.wide,
        });
        return undefined;
      case 'newline':
        if (this.#spans.length === 0) this.#align = event.style.align;
        this.#endLine();
        return undefined;
      case 'feed':
        this.#flushPartial();
        for (let i = 0; i < event.lines; i++) this.#lines.push({ align: 'left', spans: [] });
        return undefined;
      case 'qr':
        this.#flushPartial();
        this.#lines.push({
          align: 'center',
          spans: [],
          code: { kind: 'qr', symbology: 'QR', data: event.data },
        });
        return undefined;
      case 'barcode':
        this.#flushPartial();
        this.#lines.push({
          align: 'center',
          spans: [],
          code: { kind: 'barcode', symbology: event.symbology, data: event.data },
        });
        return undefined;
      case 'cut': {
        this.#flushPartial();
        const receipt: PrintedReceipt = {
          lines: trimBlankTail(this.#lines),
          cut: event.partial ? 'partial' : 'full',
        };
        this.#lines = [];
        return receipt;
      }
      default:
        return undefined;
    }
  }

  /** Whether anything has been printed since the last cut. */
  get hasContent(): boolean {
    return this.#lines.length > 0 || this.#spans.length > 0;
  }

  #endLine(): void {
    this.#lines.push({ align: this.#align, spans: this.#spans });
    this.#spans = [];
  }

  #flushPartial(): void {
    if (this.#spans.length > 0) this.#endLine();
  }
}

function trimBlankTail(lines: PrintedLine[]): PrintedLine[] {
  let end = lines.length;
  while (end > 0) {
    const l = lines[end - 1] as PrintedLine;
    if (l.code || l.spans.some((s) => s.text.trim() !== '')) break;
    end--;
  }
  return lines.slice(0, end);
}
