import { z } from 'zod';
import { ROLE_VALUES } from '../../db/schema.ts';
import { email, id, listQuery, text } from '../schemas.ts';

export const password = z.string().min(10, 'use at least 10 characters').max(200);
export const personCreate = z.strictObject({
  email,
  name: text(200),
  role: z.enum(ROLE_VALUES),
  managerId: id.nullable().optional(),
  password: password.optional(),
});
export const personPatch = z
  .strictObject({ name: text(200), role: z.enum(ROLE_VALUES), managerId: id.nullable(), active: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');
export const peopleListQuery = listQuery.extend({ role: z.enum(ROLE_VALUES).optional() });
