import { parseBarcode, type SaleDoc } from '@storefloor/core';
import type { LaneDatabase } from '../../data/lane-database.js';

/** The sale id a receipt code names: the printed code (32 hex digits) or a keyed id with dashes. */
export function saleIdOfReceiptCode(code: string): string | undefined {
  const text = code.trim().toLowerCase();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(text)) return text;
  const parsed = parseBarcode(text.replaceAll('-', '').replaceAll(' ', ''));
  return parsed.ok && parsed.kind === 'internal' && parsed.type === 'receipt' ? parsed.payload : undefined;
}

export type FoundReceipt =
  | { readonly kind: 'found'; readonly original: SaleDoc; readonly priorReturns: SaleDoc[] }
  | { readonly kind: 'not-found' | 'not-a-sale' | 'unreadable'; readonly code: string };

/** The original sale of a receipt and every return already made against it, from the store's replica. */
export async function findReceipt(db: LaneDatabase, code: string): Promise<FoundReceipt> {
  const id = saleIdOfReceiptCode(code);
  if (id === undefined) return { kind: 'unreadable', code };
  const doc = await db.sales.findOne(id).exec();
  if (!doc) return { kind: 'not-found', code };
  const original = doc.toMutableJSON() as SaleDoc;
  if (original.kind !== 'sale' || original.status !== 'completed') return { kind: 'not-a-sale', code };
  const prior = await db.sales.find({ selector: { originalSaleId: id } }).exec();
  return { kind: 'found', original, priorReturns: prior.map((d) => d.toMutableJSON() as SaleDoc) };
}
