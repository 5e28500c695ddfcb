import { ConfigurationError } from '@stratum/core';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new ConfigurationError(
        `timeZone "${timeZone}" is not an IANA time zone; use a name such as 'UTC', 'Europe/Paris' or 'America/New_York'.`,
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface WallClock {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  /** 0 (Sunday) to 6. */
  weekday: number;
}

/** The wall-clock date and hour of an instant in a time zone (the platform's tz database). */
export function wallClock(time: number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(time);
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const year = value('year');
  const month = value('month');
  const day = value('day');
  return {
    year,
    month,
    day,
    hour: value('hour'),
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(time: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(time);
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return asUtc - Math.floor(time / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in a zone. Two passes settle the offset across a
 * daylight-saving change; a wall time skipped by the change maps to the instant after the gap.
 */
export function instantOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}

/** Checks a time zone name up front, so bad input fails before any call. */
export function checkTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}
