import { localClock } from '../pricing/local-clock.js';
import type { StoreDoc } from '../schemas/stores.js';

/**
 * The business day ('YYYY-MM-DD') an instant belongs to in a store: its local calendar day in the store's
 * time zone, or the day before when the local time is earlier than the store's cut-over hour (a sale at 01:30
 * in a store whose day starts at 04:00 counts for the evening before). Local wall time comes from the IANA
 * rules built into the runtime, so daylight-saving changes move nothing.
 */
export function businessDayOf(
  instant: number,
  settings: Pick<StoreDoc, 'timeZone' | 'businessDayStartHour'>,
): string {
  const clock = localClock(instant, settings.timeZone);
  if (clock.minuteOfDay >= settings.businessDayStartHour * 60) return clock.day;
  const [year, month, day] = clock.day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}
