import { z } from 'zod';
import { calendarDate, id, listQuery } from '../schemas.ts';

export const auditQuery = listQuery.extend({
  actorId: id.optional(),
  entity: z.string().max(40).optional(),
  entityId: id.optional(),
  action: z.string().max(60).optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});
