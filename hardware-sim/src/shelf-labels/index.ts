export type { TagMac } from './ap-mac.js';
export { printTagMac, readTagMac } from './ap-mac.js';
export type { JpegFrame } from './jpeg-frame.js';
export { readJpegFrame } from './jpeg-frame.js';
export type { PostedFile, PostedForm } from './read-post-form.js';
export { readPostForm } from './read-post-form.js';
export type {
  AccessPointFault,
  LabelUpload,
  SimEslAccessPointOptions,
  SimTagConfig,
  UploadOutcome,
} from './sim-esl-access-point.js';
export { ACCESS_POINT_FAULTS, SimEslAccessPoint } from './sim-esl-access-point.js';
export { simEslAccessPointFactory } from './sim-esl-access-point-factory.js';
