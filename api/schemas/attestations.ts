import { z } from 'zod';
import { calendarDate, id, text } from '../schemas.ts';

export const campaignCreate = z.strictObject({ title: text(200), dueOn: calendarDate });
export const attestationConfirm = z.strictObject({
  nothingToDeclare: z.boolean(),
  stillCurrent: z.array(id).max(500).optional(),
  ended: z.array(id).max(500).optional(),
});
