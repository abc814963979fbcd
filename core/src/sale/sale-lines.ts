import type { PriceInForce } from '../catalog/price-in-force.js';
import { checkAmount } from '../money/money.js';
import { err, ok, type Result } from '../result.js';
import type { ProductDoc } from '../schemas/products.js';
import type { SaleDoc, SaleLineDoc } from '../schemas/sales.js';
import type { TaxRateDoc } from '../schemas/tax-rates.js';
import { ensureOpen } from './open-sale.js';
import { type PricingEnv, recomputeSale } from './recompute-sale.js';
import type { SaleError } from './sale-error.js';

export interface ProductLineInput {
  readonly lineId: string;
  /** 'scanned' (a GTIN), 'plu' (keyed) or 'weighed' (a stable weight from the scale). */
  readonly entry: 'scanned' | 'plu' | 'weighed';
  readonly product: ProductDoc;
  readonly price: PriceInForce;
  readonly taxRate: TaxRateDoc;
  /** Whole units for products sold by the unit; 1 when absent. */
  readonly quantity?: number;
  /** Net grams, required for products sold by weight. */
  readonly weightGrams?: number;
  readonly gtin?: string;
  readonly plu?: string;
}

export interface ManualLineInput {
  readonly lineId: string;
  readonly description: string;
  readonly unitPrice: unknown;
  readonly quantity?: number;
  readonly taxRate: TaxRateDoc;
  readonly categoryId?: string;
  /** A manual line (an item without a barcode, keyed at a price) needs a supervisor's approval. */
  readonly approvedBy: string;
}

function checkQuantity(q: unknown, what: string): Result<number, SaleError> {
  if (typeof q !== 'number' || !Number.isSafeInteger(q)) {
    return err('invalid-quantity', `${what} must be a whole number, got ${String(q)}`, what);
  }
  if (q < 0) return err('negative-quantity', `${what} must not be negative (${q})`, what);
  if (q === 0) return err('invalid-quantity', `${what} must be at least 1`, what);
  return ok(q);
}

function canAdd(sale: SaleDoc, lineId: string): Result<SaleDoc, SaleError> {
  const open = ensureOpen(sale);
  if (!open.ok) return open;
  if (sale.kind !== 'sale') return err('not-a-return', 'lines of a return come from the original sale');
  if (lineId === '') return err('missing-field', 'lineId is required', 'lineId');
  if (sale.lines.some((l) => l.id === lineId))
    return err('duplicate-line-id', `line ${lineId} already exists`);
  return ok(sale);
}

const emptyAmounts = { gross: 0, discount: 0, amount: 0, tax: 0, total: 0, adjustments: [] };

/** Adds a scanned, keyed (PLU) or weighed product and reprices the sale. */
export function addProductLine(
  sale: SaleDoc,
  input: ProductLineInput,
  env: PricingEnv,
): Result<SaleDoc, SaleError> {
  const can = canAdd(sale, input.lineId);
  if (!can.ok) return can;
  const { product, price, taxRate } = input;
  if (price.currency !== sale.currency) {
    return err('currency-mismatch', `price is in ${price.currency}, the sale in ${sale.currency}`, 'price');
  }
  if (price.productId !== product.id) return err('price-mismatch', 'price is for another product', 'price');
  if (taxRate.taxClass !== product.taxClass) {
    return err(
      'tax-class-mismatch',
      `rate is for '${taxRate.taxClass}', product is '${product.taxClass}'`,
      'taxRate',
    );
  }
  let quantity = 1;
  let weightGrams: number | undefined;
  if (product.unit === 'weight') {
    if (input.weightGrams === undefined)
      return err('weight-required', `${product.name} is sold by weight`, 'weightGrams');
    const w = checkQuantity(input.weightGrams, 'weightGrams');
    if (!w.ok) return w;
    weightGrams = w.value;
    if (input.quantity !== undefined && input.quantity !== 1) {
      return err('weighed-line-quantity', 'a weighed line is one item of a weight', 'quantity');
    }
  } else {
    if (input.weightGrams !== undefined) {
      return err('weight-not-allowed', `${product.name} is sold by the unit`, 'weightGrams');
    }
    const q = checkQuantity(input.quantity ?? 1, 'quantity');
    if (!q.ok) return q;
    quantity = q.value;
  }
  const line: SaleLineDoc = {
    id: input.lineId,
    entry: input.entry,
    productId: product.id,
    description: product.receiptName,
    unit: product.unit,
    quantity,
    unitPrice: price.unitPrice,
    priceId: price.priceId,
    taxClass: product.taxClass,
    taxRateId: taxRate.id,
    taxRateBps: taxRate.rateBps,
    taxLabel: taxRate.label,
    categoryId: product.categoryId,
    productGroupId: product.productGroupId,
    ageRestriction: product.ageRestriction,
    voided: false,
    ...emptyAmounts,
  };
  if (weightGrams !== undefined) line.weightGrams = weightGrams;
  if (price.memberUnitPrice !== undefined) line.memberUnitPrice = price.memberUnitPrice;
  if (input.gtin !== undefined) line.gtin = input.gtin;
  if (input.plu !== undefined) line.plu = input.plu;
  return ok(recomputeSale({ ...sale, lines: [...sale.lines, line] }, env));
}

/** Adds an item keyed by description and price, with the approving employee. */
export function addManualLine(
  sale: SaleDoc,
  input: ManualLineInput,
  env: PricingEnv,
): Result<SaleDoc, SaleError> {
  const can = canAdd(sale, input.lineId);
  if (!can.ok) return can;
  if (input.approvedBy === '')
    return err('approval-required', 'a manual line needs an approving employee', 'approvedBy');
  if (input.description === '')
    return err('missing-field', 'a manual line needs a description', 'description');
  const price = checkAmount(input.unitPrice, 'unitPrice');
  if (!price.ok) return price;
  const q = checkQuantity(input.quantity ?? 1, 'quantity');
  if (!q.ok) return q;
  const line: SaleLineDoc = {
    id: input.lineId,
    entry: 'manual',
    productId: '',
    description: input.description,
    unit: 'each',
    quantity: q.value,
    unitPrice: price.value,
    taxClass: input.taxRate.taxClass,
    taxRateId: input.taxRate.id,
    taxRateBps: input.taxRate.rateBps,
    taxLabel: input.taxRate.label,
    categoryId: input.categoryId ?? '',
    productGroupId: '',
    ageRestriction: 0,
    approvedBy: input.approvedBy,
    voided: false,
    ...emptyAmounts,
  };
  return ok(recomputeSale({ ...sale, lines: [...sale.lines, line] }, env));
}

function liveLine(sale: SaleDoc, lineId: string): Result<SaleLineDoc, SaleError> {
  const open = ensureOpen(sale);
  if (!open.ok) return open;
  const line = sale.lines.find((l) => l.id === lineId);
  if (line === undefined) return err('unknown-line', `no line ${lineId}`, 'lineId');
  if (line.voided) return err('line-voided', `line ${lineId} is voided`, 'lineId');
  return ok(line);
}

/** Sets the quantity of a unit-priced line. */
export function changeQuantity(
  sale: SaleDoc,
  lineId: string,
  quantity: number,
  env: PricingEnv,
): Result<SaleDoc, SaleError> {
  const line = liveLine(sale, lineId);
  if (!line.ok) return line;
  if (sale.kind !== 'sale') return err('not-a-return', 'a return line is changed by a new return');
  if (line.value.unit === 'weight')
    return err('weighed-line-quantity', 'weigh the item again instead', 'quantity');
  const q = checkQuantity(quantity, 'quantity');
  if (!q.ok) return q;
  const lines = sale.lines.map((l) => (l.id === lineId ? { ...l, quantity: q.value } : l));
  return ok(recomputeSale({ ...sale, lines }, env));
}

/** Voids a line: it stays on the document (the audit trail shows who voided it) and counts for nothing. */
export function voidLine(
  sale: SaleDoc,
  lineId: string,
  voidedBy: string,
  env: PricingEnv,
): Result<SaleDoc, SaleError> {
  const line = liveLine(sale, lineId);
  if (!line.ok) return line;
  if (voidedBy === '') return err('approval-required', 'a void names the employee', 'voidedBy');
  const lines = sale.lines.map((l) => (l.id === lineId ? { ...l, voided: true, voidedBy } : l));
  const manualDiscounts = sale.manualDiscounts.filter((d) => d.lineId !== lineId);
  return ok(recomputeSale({ ...sale, lines, manualDiscounts }, env));
}
