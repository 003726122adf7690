/**
 * Calendar dates as the catalogue stores them: a Date at midnight UTC that
 * stands for a day. "Today" is the calendar day in Vietnam (UTC+7).
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of the given instant's calendar day in Vietnam (UTC+7). */
export function vietnamToday(now: Date = new Date()): Date {
  const shifted = new Date(now.getTime() + 7 * 60 * 60 * 1000);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
}

/** Parses "YYYY-MM-DD" as a date at midnight UTC; throws a RangeError for anything else. */
export function parseDate(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`Not a date: ${value}`);
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(m) - 1) throw new RangeError(`Not a date: ${value}`);
  return date;
}

/** "YYYY-MM-DD". */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The same day `months` later, or the month's last day when it has no such day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay)));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

/** A UTC-midnight date as a whole number of days since 1970-01-01. */
export function dayNumber(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

/** The UTC midnight of a day number (the inverse of `dayNumber`). */
export function dateOfDayNumber(day: number): Date {
  return new Date(day * DAY_MS);
}

/** A date column from a raw query: a Date, or the text some drivers return. */
export function dateOf(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
