export type { CouponState, CouponStatus } from './coupon-status.js';
export { couponStatus } from './coupon-status.js';
export { maskPhone, maskPhonesInText } from './mask-phone.js';
export { pointsBalance } from './points-balance.js';
