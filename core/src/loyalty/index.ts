export type { CouponState, CouponStatus } from './coupon-status.js';
export { couponStatus } from './coupon-status.js';
export { pointsBalance } from './points-balance.js';
