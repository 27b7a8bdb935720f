import { z } from 'zod';
import { ROLES } from '../../core/vocabulary.ts';
import { changes, email, id, listQuery, text } from '../schemas.ts';

export const password = z.string().min(10, 'use at least 10 characters').max(200);
export const personCreate = z.strictObject({
  email,
  name: text(200),
  role: z.enum(ROLES),
  managerId: id.nullable().optional(),
  password: password.optional(),
});
export const personPatch = changes({
  name: text(200),
  role: z.enum(ROLES),
  managerId: id.nullable(),
  active: z.boolean(),
});
export const peopleListQuery = listQuery.extend({ role: z.enum(ROLES).optional() });
