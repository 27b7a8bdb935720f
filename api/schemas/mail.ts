import { z } from 'zod';
import { changes } from '../schemas.ts';

export const mailSettings = changes({ language: z.enum(['nl', 'en']), reviewDigest: z.boolean() });
