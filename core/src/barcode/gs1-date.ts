/**
 * GS1 dates: `YYMMDD` in AIs 11-17, 7003, 7006, 7007, 7011, 8008… (GS1 General Specifications §3.4 and
 * §7.12). The Syntax Dictionary's `yymmd0` AIs (11, 12, 13, 15, 16, 17) allow day 00, which means the last
 * day of the month; its `yymmdd` AIs do not.
 */

export type Gs1DateContext = {
  /**
   * The calendar year the scan is read in, for the century rule (§7.12). Without it, February 29 is judged
   * by `YY % 4`, which is exact for every year 2000-2099: that is, for any reading year from 1951 to 2049.
   */
  readonly referenceYear?: number;
};

/**
 * The century of a two-digit year (§7.12 "Determination of century in dates"): YY minus the reference
 * year's last two digits; 51 to 99 puts it in the previous century, -99 to -50 in the next, anything else
 * in the reference year's own century.
 */
export function gs1FullYear(yy: number, referenceYear: number): number {
  const currentYy = referenceYear % 100;
  const century = referenceYear - currentYy;
  const difference = yy - currentYy;
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(yy: number, month: number, context: Gs1DateContext): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  const leap =
    context.referenceYear === undefined ? yy % 4 === 0 : isLeapYear(gs1FullYear(yy, context.referenceYear));
  return leap ? 29 : 28;
}

/**
 * Why six digits are not a calendar date, or undefined when they are one. `dayZero` allows DD = 00 (the
 * `yymmd0` AIs).
 */
export function gs1DateProblem(
  yymmdd: string,
  dayZero: boolean,
  context: Gs1DateContext = {},
): string | undefined {
  if (!/^[0-9]{6}$/.test(yymmdd)) return 'not six digits YYMMDD';
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return `month ${yymmdd.slice(2, 4)} does not exist`;
  if (day === 0) return dayZero ? undefined : 'day 00 is not allowed in this AI';
  const last = daysInMonth(yy, month, context);
  if (day > last) return `day ${yymmdd.slice(4, 6)} does not exist in month ${yymmdd.slice(2, 4)}`;
  return undefined;
}

/** `HHMM` (Syntax Dictionary linter `hhmi`): hours 00-23, minutes 00-59. */
export function gs1TimeProblem(hhmm: string): string | undefined {
  if (!/^[0-9]{4}$/.test(hhmm)) return 'not four digits HHMM';
  if (Number(hhmm.slice(0, 2)) > 23) return `hour ${hhmm.slice(0, 2)} does not exist`;
  if (Number(hhmm.slice(2, 4)) > 59) return `minute ${hhmm.slice(2, 4)} does not exist`;
  return undefined;
}

/**
 * `YYMMDD` as an ISO `YYYY-MM-DD` date, century by §7.12 and DD 00 as the last day of the month. Throws
 * a RangeError on six digits that are no date (check scans with `parseBarcode`, which returns a failure).
 */
export function gs1DateToIso(yymmdd: string, referenceYear: number): string {
  const problem = gs1DateProblem(yymmdd, true, { referenceYear });
  if (problem !== undefined) throw new RangeError(`gs1DateToIso: ${yymmdd}: ${problem}`);
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const year = gs1FullYear(yy, referenceYear);
  let day = Number(yymmdd.slice(4, 6));
  if (day === 0) day = month === 2 ? (isLeapYear(year) ? 29 : 28) : DAYS_IN_MONTH[month - 1]!;
  return `${String(year).padStart(4, '0')}-${yymmdd.slice(2, 4)}-${String(day).padStart(2, '0')}`;
}
