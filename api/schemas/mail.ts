import { z } from 'zod';

export const mailSettings = z
  .strictObject({ language: z.enum(['nl', 'en']), reviewDigest: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');
