/**
 * Text of DuckDB dates, timestamps and times, computed from DuckDB's own integers (days, or
 * seconds/ms/µs/ns since 1970-01-01, or units since midnight) without a JavaScript `Date`, whose
 * range (±275,760 years, ms precision) is smaller than DuckDB's. One style for every timestamp type:
 * ISO 8601 with `T`, the fraction to the unit's precision without trailing zeros, `Z` for
 * TIMESTAMPTZ (in UTC); years before 1 as astronomical negative years (`-290308-12-22` is DuckDB's
 * `290309-12-22 (BC)`), years after 9999 with all their digits. DuckDB casts all of it back.
 */

/** DuckDB stores infinity dates and timestamps as the largest integers of their type. */
const DATE_INFINITY_DAYS = 2_147_483_647;
const TIMESTAMP_INFINITY = 9_223_372_036_854_775_807n;

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` for days since 1970-01-01 (Hinnant's civil-from-days). */
export function dateFromDays(days: number): string {
  if (Math.abs(days) >= DATE_INFINITY_DAYS) return days > 0 ? 'infinity' : '-infinity';
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const y = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  return `${y}-${two(month)}-${two(day)}`;
}

/** Units per second of Arrow's TimeUnit (SECOND, MILLISECOND, MICROSECOND, NANOSECOND). */
const PER_SECOND = [1n, 1_000n, 1_000_000n, 1_000_000_000n];
const FRACTION_DIGITS = [0, 3, 6, 9];

/** `hh:mm:ss` of `seconds` since midnight (TIME's 24:00:00 too) and `frac`, the rest in `unit`. */
function clock(seconds: number, frac: bigint, unit: number): string {
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  const fraction = frac === 0n ? '' : `.${frac.toString().padStart(FRACTION_DIGITS[unit]!, '0').replace(/0+$/, '')}`;
  return `${two(hh)}:${two(mm)}:${two(ss)}${fraction}`;
}

/** A timestamp from its stored integer in Arrow's `unit` since 1970, exact to the unit. */
export function timestampText(value: bigint, unit: number, utc: boolean): string {
  if (value >= TIMESTAMP_INFINITY || value <= -TIMESTAMP_INFINITY) return value > 0n ? 'infinity' : '-infinity';
  const perDay = 86_400n * (PER_SECOND[unit] ?? 1_000_000n);
  let days = value / perDay;
  let rest = value % perDay;
  if (rest < 0n) {
    rest += perDay;
    days -= 1n;
  }
  const perSecond = PER_SECOND[unit] ?? 1_000_000n;
  return `${dateFromDays(Number(days))}T${clock(Number(rest / perSecond), rest % perSecond, unit)}${utc ? 'Z' : ''}`;
}

/** A time of day from units since midnight. */
export function timeText(value: bigint | number, unit: number): string {
  const perSecond = PER_SECOND[unit] ?? 1_000_000n;
  const v = BigInt(value);
  return clock(Number(v / perSecond), v % perSecond, unit);
}
