import { ConfigurationError } from '@stratum/core';

const MAX_PAGE = 10_000;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new ConfigurationError(
      `tracker.list: limit must be a whole number from 1 to ${MAX_PAGE} (got ${limit}).`,
    );
  }
  return limit;
}

/** A page ends at a record; the next page starts after its (time, id). */
export function encodeCursor(record: { time: number; id: string }): string {
  return Buffer.from(JSON.stringify([record.time, record.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { time: number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { time: value[0], id: value[1] };
    }
  } catch {
    // Reported below.
  }
  throw new ConfigurationError(
    "tracker.list: cursor is not a nextCursor this tracker returned; pass the previous page's nextCursor unchanged.",
  );
}
