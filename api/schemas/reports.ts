import { z } from 'zod';

export const yearQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  format: z.enum(['json', 'csv']).optional(),
});
