import { err, ok, type Result } from '@storefloor/core';
import { normalizeLabelMac } from '@storefloor/device-drivers';
import type { BindingFailure, ShelfLabelBinding, ShelfLabelBindings } from './shelf-label-bindings.js';

/** Finds the product a scanned code (GTIN, PLU…) stands for, as the lane's catalog does. */
export type ProductCodeLookup = (code: string) => { readonly productId: string } | undefined;

export type BindingScanOutcome =
  | { readonly step: 'label-scanned'; readonly labelMac: string; readonly boundTo: string | undefined }
  | { readonly step: 'bound'; readonly binding: ShelfLabelBinding }
  | { readonly step: 'unbound'; readonly binding: ShelfLabelBinding };

/**
 * The binding workflow of a handheld or a lane in label mode: scan the label (its MAC barcode), then the
 * product; or scan the label and choose unbind. One pending label per device; a product scanned with no
 * label pending, a label code that is no MAC, or a product code the catalog does not know is refused with a
 * typed reason and changes nothing.
 */
export class LabelBindingScans {
  readonly #pending = new Map<string, string>();

  constructor(
    readonly bindings: ShelfLabelBindings,
    readonly lookup: ProductCodeLookup,
    readonly defaultLabelType: string,
  ) {}

  scanLabel(deviceId: string, code: string): Result<BindingScanOutcome, BindingFailure> {
    const labelMac = normalizeLabelMac(code);
    if (!labelMac) return err('invalid-mac', `${JSON.stringify(code)} is not a label's code`);
    this.#pending.set(deviceId, labelMac);
    return ok({ step: 'label-scanned', labelMac, boundTo: this.bindings.forLabel(labelMac)?.productId });
  }

  scanProduct(
    deviceId: string,
    code: string,
    employeeId: string,
    at: number,
    labelType = this.defaultLabelType,
  ): Result<BindingScanOutcome, BindingFailure | 'no-label-scanned'> {
    const labelMac = this.#pending.get(deviceId);
    if (!labelMac) return err('no-label-scanned', 'scan the label first');
    const product = this.lookup(code);
    if (!product) return err('unknown-product', `no product for code ${code}`);
    const bound = this.bindings.bind(labelMac, product.productId, labelType, employeeId, at);
    if (!bound.ok) return bound;
    this.#pending.delete(deviceId);
    return ok({ step: 'bound', binding: bound.value });
  }

  unbindPending(
    deviceId: string,
    employeeId: string,
    at: number,
  ): Result<BindingScanOutcome, BindingFailure | 'no-label-scanned'> {
    const labelMac = this.#pending.get(deviceId);
    if (!labelMac) return err('no-label-scanned', 'scan the label first');
    const unbound = this.bindings.unbind(labelMac, employeeId, at);
    if (!unbound.ok) return unbound;
    this.#pending.delete(deviceId);
    return ok({ step: 'unbound', binding: unbound.value });
  }
}
