/**
 * Request schemas, the one place input is checked. Bodies are strict (an unknown field is a 400 naming it, so
 * a typo never silently drops data). Here the fields every resource builds its schemas from; each resource's
 * schemas are in `schemas/<resource>.ts`, named like its route file.
 */
import { z } from 'zod';
import { isCalendarDate } from '../core/dates.ts';

export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).optional();
export const idParam = z.object({ id: z.string().min(1).max(64) });
export const id = z.string().min(1).max(64);
export const calendarDate = z.string().refine(isCalendarDate, 'must be a date written YYYY-MM-DD');
export const euros = z
  .number()
  .finite()
  .min(0)
  .max(10_000_000)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'at most two decimals');

const intParam = (def: number, max: number) => z.coerce.number().int().min(0).max(max).default(def);
export const listQuery = z.object({
  q: z.string().max(200).optional(),
  limit: intParam(100, 1000).pipe(z.number().min(1)),
  offset: intParam(0, 1_000_000_000),
});

/** A value given twice (often in two spellings that normalise alike) is kept once: the registry holds each once. */
export const uniqueList = (item: z.ZodType<string, string>, max: number) =>
  z
    .array(item)
    .max(max)
    .transform((values) => [...new Set(values)]);

/** A whole e-mail address, lowercase: people and the matcher compare addresses case-insensitively. */
export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** A yes/no query parameter, read with `isTrue` (api/http.ts). */
export const yesNo = z.enum(['0', '1', 'true', 'false']).optional();

/** A change: some of `fields`, at least one. */
export const changes = <T extends z.core.$ZodLooseShape>(fields: T) =>
  z
    .strictObject(fields)
    .partial()
    .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');

/** The CSV imports of suppliers and people. */
export const importQuery = z.object({ dryRun: yesNo });
