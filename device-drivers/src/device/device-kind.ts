/** Every kind of lane or store device the suite drives (ARCHITECTURE.md §5). */
export type DeviceKind =
  | 'scanner'
  | 'scale'
  | 'scanner-scale'
  | 'printer'
  | 'cash-drawer'
  | 'payment-terminal'
  | 'shelf-labels'
  | 'smart-cart'
  | 'face-pay';

export const DEVICE_KINDS: readonly DeviceKind[] = [
  'scanner',
  'scale',
  'scanner-scale',
  'printer',
  'cash-drawer',
  'payment-terminal',
  'shelf-labels',
  'smart-cart',
  'face-pay',
];

export function isDeviceKind(value: unknown): value is DeviceKind {
  return typeof value === 'string' && (DEVICE_KINDS as readonly string[]).includes(value);
}
