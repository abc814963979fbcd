export type { LabelBitmap } from './label-jpeg.js';
export { checkLabelJpeg, encodeLabelJpeg } from './label-jpeg.js';
export { normalizeLabelMac } from './label-mac.js';
export type {
  ImageUploadOptions,
  ShelfLabelAccessPointOptions,
  ShelfLabelEvent,
  ShelfLabelFailure,
} from './shelf-label-access-point.js';
export { ShelfLabelAccessPoint } from './shelf-label-access-point.js';
export type { ShelfLabelTag } from './shelf-label-tag.js';
export { parseTagRecord } from './shelf-label-tag.js';
