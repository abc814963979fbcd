export { LABEL_FONT_FAMILY, registerLabelFonts } from './label-fonts.js';
export type { LabelInk, LabelType, LabelTypeId } from './label-type.js';
export { LABEL_TYPES, labelTypeOf } from './label-type.js';
export type { RenderedShelfLabel } from './render-shelf-label.js';
export { renderShelfLabel } from './render-shelf-label.js';
export type { ShelfLabelContent, ShelfLabelProduct, ShelfOffer } from './shelf-label-content.js';
export { shelfLabelContent } from './shelf-label-content.js';
