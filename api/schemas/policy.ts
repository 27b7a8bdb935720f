import { z } from 'zod';
import { euros, text } from '../schemas.ts';

const localized = z.strictObject({ nl: text(2000), en: text(2000) });
export const policyBody = z.strictObject({
  code: z.enum(['samenwerking', 'clavis']),
  gifts: z.strictObject({ personalAllowed: z.boolean(), wholeCompanyAllowed: z.boolean(), limitEur: euros }),
  invitations: z.strictObject({ onlyFromContracted: z.boolean(), multiDayAllowed: z.boolean() }),
  purchaseWindowMonths: z.number().int().min(1).max(120),
  retentionYears: z.number().int().min(1).max(30),
  counsellor: z.strictObject({ name: text(200), contact: text(300) }),
  texts: z.strictObject({
    negotiation: localized,
    related: localized,
    purchase: localized,
    gift: localized,
    invitation: localized,
    side_job: localized,
  }),
});
