import type { Period } from './recordRules.js';

/** Prisma's filter for a date column within the period, bounds included; an open end is no bound. */
export function datesWithin(period: Period): { gte?: Date; lte?: Date } {
  return { ...(period.from ? { gte: period.from } : {}), ...(period.to ? { lte: period.to } : {}) };
}
