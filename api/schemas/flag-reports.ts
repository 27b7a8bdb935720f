import { z } from 'zod';
import { FLAG_MATCH_KINDS, FLAG_REPORT_REASONS } from '../../db/schema.ts';
import { id, listQuery, yesNo } from '../schemas.ts';

/** A site's host name as the browser gives it (`outlook.office.com`, `127.0.0.1`, `[::1]`): no path, no page text. */
const host = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?:(?:[a-z0-9-]{1,63}\.)*[a-z0-9-]{1,63}|\[[0-9a-f:.]{2,45}\])$/, 'must be a host name');

export const flagReportCreate = z.strictObject({
  supplierId: id,
  matched: z.string().trim().min(1).max(300).nullable().default(null),
  kind: z.enum(FLAG_MATCH_KINDS),
  host,
  reason: z.enum(FLAG_REPORT_REASONS),
  note: z
    .string()
    .trim()
    .max(1000)
    .transform((v) => v || null)
    .nullable()
    .default(null),
});
export const flagReportPatch = z.strictObject({ resolved: z.boolean() });
export const flagReportListQuery = listQuery.extend({ supplierId: id.optional(), open: yesNo });
