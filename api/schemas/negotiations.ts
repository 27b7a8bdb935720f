import { z } from 'zod';
import { NEGOTIATION_STATUSES, STAGES } from '../../core/vocabulary.ts';
import { changes, id, listQuery, optionalText, text, yesNo } from '../schemas.ts';

export const negotiationCreate = z.strictObject({
  supplierId: id,
  reference: text(100),
  subject: text(300),
  stage: z.enum(STAGES).default('talks'),
});
export const negotiationPatch = changes({
  supplierId: id,
  reference: text(100),
  subject: text(300),
  stage: z.enum(STAGES),
  status: z.enum(NEGOTIATION_STATUSES),
});
export const negotiationListQuery = listQuery.extend({
  status: z.enum(NEGOTIATION_STATUSES).optional(),
  supplierId: id.optional(),
  mine: yesNo,
  /** Only the negotiations whose team the caller is on (for staff always so). */
  team: yesNo,
});
export const recusalBody = z.strictObject({ personId: id, reason: text(1000) });
export const teamMemberParam = z.object({ id, personId: id });
export const teamAddBody = z.strictObject({ personId: id });
export const teamDeclarationBody = z.strictObject({ conflict: z.boolean(), note: optionalText(2000) });
