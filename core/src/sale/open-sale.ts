import { cashStepFor } from '../money/cash-rounding.js';
import { err, ok, type Result } from '../result.js';
import type { SaleDoc, TaxMode, TaxRounding } from '../schemas/sales.js';
import type { SaleError } from './sale-error.js';

export interface OpenSaleInput {
  /** UUIDv7 made on the device. */
  readonly id: string;
  readonly storeId: string;
  readonly deviceId: string;
  readonly shiftId: string;
  readonly cashierId: string;
  readonly businessDay: string;
  readonly currency: string;
  readonly taxMode: TaxMode;
  readonly taxRounding: TaxRounding;
  /** The store's cash step in minor units; the currency's default when absent. */
  readonly cashRoundingStep?: number;
  readonly openedAt: number;
}

export function emptyTotals(): SaleDoc['totals'] {
  return { gross: 0, discount: 0, tax: 0, total: 0, cashRounding: 0, due: 0, paid: 0, change: 0 };
}

/** A new, empty sale in status 'open'. */
export function openSale(input: OpenSaleInput): Result<SaleDoc, SaleError> {
  const step = cashStepFor(input.currency, input.cashRoundingStep);
  if (!step.ok)
    return err(
      step.reason,
      step.detail,
      step.reason === 'invalid-cash-step' ? 'cashRoundingStep' : 'currency',
    );
  for (const field of ['id', 'storeId', 'deviceId', 'shiftId', 'cashierId'] as const) {
    if (input[field] === '') return err('missing-field', `${field} is required`, field);
  }
  return ok({
    id: input.id,
    storeId: input.storeId,
    deviceId: input.deviceId,
    shiftId: input.shiftId,
    cashierId: input.cashierId,
    kind: 'sale',
    status: 'open',
    businessDay: input.businessDay,
    currency: input.currency,
    taxMode: input.taxMode,
    taxRounding: input.taxRounding,
    cashRoundingStep: step.value,
    openedAt: input.openedAt,
    lines: [],
    manualDiscounts: [],
    promotions: [],
    taxes: [],
    tenders: [],
    totals: emptyTotals(),
  });
}

/** Every change to a sale starts here: a completed, cancelled or suspended document is immutable. */
export function ensureOpen(sale: SaleDoc): Result<SaleDoc, SaleError> {
  if (sale.status === 'completed')
    return err('sale-completed', `sale ${sale.id} is completed and cannot change`);
  if (sale.status === 'cancelled')
    return err('sale-cancelled', `sale ${sale.id} is cancelled and cannot change`);
  if (sale.status === 'suspended')
    return err('sale-suspended', `sale ${sale.id} is suspended: resume it as a new sale (resumeSale)`);
  return ok(sale);
}
