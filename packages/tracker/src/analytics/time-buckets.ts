import type { TimeBucket, TimeRange } from '../stores/record-store.js';
import { instantOf, wallClock } from './time-zone.js';

const pad = (value: number, length = 2): string => String(value).padStart(length, '0');

/** The start of the bucket holding `time`, and its label. */
function bucketStart(time: number, bucket: TimeBucket, timeZone: string): TimeRange {
  const clock = wallClock(time, timeZone);
  const day = bucket === 'month' ? 1 : clock.day;
  const hour = bucket === 'hour' ? clock.hour : 0;
  const start = instantOf(clock.year, clock.month, day, hour, timeZone);
  const label =
    bucket === 'month'
      ? `${clock.year}-${pad(clock.month)}`
      : bucket === 'day'
        ? `${clock.year}-${pad(clock.month)}-${pad(clock.day)}`
        : `${clock.year}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}`;
  return { label, start, end: nextStart(clock.year, clock.month, day, hour, bucket, timeZone) };
}

function nextStart(
  year: number,
  month: number,
  day: number,
  hour: number,
  bucket: TimeBucket,
  timeZone: string,
): number {
  if (bucket === 'month') return instantOf(year, month + 1, 1, 0, timeZone);
  if (bucket === 'day') return instantOf(year, month, day + 1, 0, timeZone);
  return instantOf(year, month, day, hour + 1, timeZone);
}

/** The buckets that cover [from, to), clipped to it, in the time zone's calendar. */
export function timeBuckets(
  from: number,
  to: number,
  bucket: TimeBucket,
  timeZone: string,
): TimeRange[] {
  const ranges: TimeRange[] = [];
  let cursor = from;
  while (cursor < to) {
    const range = bucketStart(cursor, bucket, timeZone);
    // A daylight-saving change can make an hour's end land on its start: step over it.
    const end = Math.max(range.end, cursor + 1);
    ranges.push({ label: range.label, start: cursor, end: Math.min(end, to) });
    cursor = end;
  }
  return ranges;
}
