import { ConfigurationError } from '@stratum/core';
import type {
  GroupBy,
  ResolvedQuery,
  TimeBucket,
  TimeRange,
  UsageFilter,
  UsageQuery,
} from '../stores/record-store.js';
import { timeBuckets } from './time-buckets.js';
import { checkTimeZone } from './time-zone.js';

const TIME_BUCKETS: readonly string[] = ['hour', 'day', 'month'];

export function isTimeBucket(value: GroupBy): value is TimeBucket {
  return TIME_BUCKETS.includes(value);
}

export function toMillis(
  value: Date | number | undefined,
  fallback: number,
  field: string,
): number {
  if (value === undefined) return fallback;
  const millis = value instanceof Date ? value.getTime() : value;
  if (!Number.isFinite(millis)) {
    throw new ConfigurationError(
      `tracker.query: ${field} must be a Date or milliseconds since 1970 (got ${String(value)}).`,
    );
  }
  return millis;
}

/** Checks a query and turns it into what stores answer: milliseconds and explicit time buckets. */
export function resolveQuery(query: UsageQuery, now: number): ResolvedQuery {
  const from = toMillis(query.from, 0, 'from');
  // The end is exclusive: by default it is just past the current millisecond, so a call
  // recorded in the same millisecond as the query is counted.
  const to = toMillis(query.to, now + 1, 'to');
  const groupBy = query.groupBy ?? [];
  const timeZone = query.timeZone ?? 'UTC';
  checkTimeZone(timeZone);
  for (const dimension of groupBy) {
    const valid =
      dimension === 'provider' ||
      dimension === 'model' ||
      isTimeBucket(dimension) ||
      (dimension.startsWith('tag:') && dimension.length > 4);
    if (!valid) {
      throw new ConfigurationError(
        `tracker.query: groupBy entry "${String(dimension)}" is not one of provider, model, hour, day, month or tag:<key> (e.g. 'tag:user').`,
      );
    }
  }
  const timeDimensions = groupBy.filter(isTimeBucket);
  if (timeDimensions.length > 1) {
    throw new ConfigurationError(
      `tracker.query: groupBy may hold one time bucket, got ${timeDimensions.join(' and ')}.`,
    );
  }
  let buckets: TimeRange[] = [{ label: '', start: from, end: to }];
  const bucket = timeDimensions[0];
  if (bucket) {
    if (query.from === undefined) {
      throw new ConfigurationError(
        `tracker.query: grouping by ${bucket} needs a start; set from, e.g. from: new Date('2026-03-01').`,
      );
    }
    buckets = timeBuckets(from, to, bucket, timeZone);
  }
  return { from, to, filter: normalizeFilter(query.filter), groupBy, buckets };
}

function normalizeFilter(filter: UsageFilter | undefined): UsageFilter {
  return filter ?? {};
}

/** Values of a filter field as a list (undefined: no constraint). */
export function filterValues(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}
