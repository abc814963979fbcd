export type { FormPart } from './multipart-form.js';
export { multipartBoundary, parseMultipartForm } from './multipart-form.js';
export type {
  AccessPointFault,
  LabelUpload,
  SimEslAccessPointOptions,
  SimTagConfig,
} from './sim-esl-access-point.js';
export { ACCESS_POINT_FAULTS, SimEslAccessPoint } from './sim-esl-access-point.js';
export { simEslAccessPointFactory } from './sim-esl-access-point-factory.js';
