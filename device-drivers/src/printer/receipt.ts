/**
 * A receipt as the store describes it: blocks of text, columns, codes and paper actions.
 * The encoder turns it into ESC/POS; nothing here knows about bytes.
 */
export type Alignment = 'left' | 'center' | 'right';

export interface TextStyle {
  readonly bold?: boolean;
  readonly underline?: boolean;
  readonly doubleWidth?: boolean;
  readonly doubleHeight?: boolean;
  readonly invert?: boolean;
}

export interface ReceiptColumn {
  readonly text: string;
  /** Width in printer columns (a CJK character takes two). */
  readonly width: number;
  readonly align?: Alignment;
}

export type BarcodeSymbology = 'UPC-A' | 'EAN13' | 'EAN8' | 'CODE39' | 'CODE128';
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export type ReceiptBlock =
  | { readonly kind: 'text'; readonly text: string; readonly align?: Alignment; readonly style?: TextStyle }
  | { readonly kind: 'columns'; readonly columns: readonly ReceiptColumn[]; readonly style?: TextStyle }
  | { readonly kind: 'rule'; readonly char?: string }
  | { readonly kind: 'feed'; readonly lines: number }
  | {
      readonly kind: 'qr';
      readonly data: string;
      readonly moduleSize?: number;
      readonly errorCorrection?: QrErrorCorrection;
      readonly align?: Alignment;
    }
  | {
      readonly kind: 'barcode';
      readonly symbology: BarcodeSymbology;
      readonly data: string;
      readonly height?: number;
      readonly align?: Alignment;
    }
  | { readonly kind: 'cut'; readonly partial?: boolean }
  | { readonly kind: 'drawer-kick'; readonly pin?: DrawerPin };

export type DrawerPin = 2 | 5;

export interface Receipt {
  readonly blocks: readonly ReceiptBlock[];
}
