export type { FacePayFault, IssuedFaceCode, SimFacePayOptions } from './sim-face-pay.js';
export { FACE_PAY_FAULTS, SimFacePay } from './sim-face-pay.js';
export { simFacePayFactory } from './sim-face-pay-factory.js';
