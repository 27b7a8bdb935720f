import { z } from 'zod';
import {
  DECISIONS,
  DECLARATION_KINDS,
  DECLARATION_STATUSES,
  GIFT_FORMS,
  namesOrganisation,
} from '../../core/vocabulary.ts';
import { calendarDate, changes, euros, id, listQuery, optionalText, text, yesNo } from '../schemas.ts';

/** Who a declaration is about: a registered supplier, a named one not yet registered, or another organisation. */
const party = { supplierId: id.optional(), supplierName: text(200).optional(), organisation: text(200).optional() };
const description = optionalText(2000);

const declarationKinds = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('relationship'), ...party, relation: text(200), description }),
  z.strictObject({ kind: z.literal('side_job'), ...party, relation: optionalText(200), description: text(2000) }),
  z.strictObject({
    kind: z.literal('financial_interest'),
    ...party,
    relation: optionalText(200),
    description: text(2000),
  }),
  z.strictObject({
    kind: z.literal('private_purchase'),
    ...party,
    date: calendarDate,
    amountEur: euros,
    marketPrice: z.boolean(),
    normalTerms: z.boolean(),
    description,
  }),
  z.strictObject({
    kind: z.literal('gift'),
    ...party,
    date: calendarDate.optional(),
    valueEur: euros,
    form: z.enum(GIFT_FORMS),
    forWholeCompany: z.boolean().default(false),
    description,
    accepted: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('invitation'),
    ...party,
    date: calendarDate.optional(),
    valueEur: euros.optional(),
    form: z.enum(GIFT_FORMS).default('event'),
    days: z.number().int().min(1).max(60).default(1),
    description,
    accepted: z.boolean().optional(),
  }),
]);

export const declarationCreate = declarationKinds.superRefine((d, ctx) => {
  const named = [d.supplierId, d.supplierName, d.organisation].filter((v) => v !== undefined).length;
  const mayNameOrganisation = namesOrganisation(d.kind);
  if (d.organisation !== undefined && !mayNameOrganisation)
    ctx.addIssue({
      code: 'custom',
      path: ['organisation'],
      message: 'only a side job or financial interest names an organisation',
    });
  else if (named !== 1)
    ctx.addIssue({
      code: 'custom',
      path: ['supplierId'],
      message: `name exactly one of supplierId or supplierName${mayNameOrganisation ? ' or organisation' : ''}`,
    });
});
export type DeclarationBody = z.infer<typeof declarationCreate>;

export const declarationListQuery = listQuery.extend({
  kind: z.enum(DECLARATION_KINDS).optional(),
  status: z.enum(DECLARATION_STATUSES).optional(),
  declarantId: id.optional(),
  supplierId: id.optional(),
  toReview: yesNo,
});
export const reviewBody = z.strictObject({
  /** needs_info: the question goes in `note`. */
  decision: z.enum(DECISIONS),
  note: optionalText(2000),
  supplierId: id.optional(),
});

/**
 * An edit by the declarant: the fields to change (null clears one); the kind stays. The merged declaration is
 * checked against `declarationCreate`, so an edit can never make one that could not have been declared.
 */
export const declarationPatch = changes({
  supplierId: id.nullable(),
  supplierName: text(200).nullable(),
  organisation: text(200).nullable(),
  relation: optionalText(200).nullable(),
  description: optionalText(2000).nullable(),
  date: calendarDate.nullable(),
  amountEur: euros.nullable(),
  marketPrice: z.boolean().nullable(),
  normalTerms: z.boolean().nullable(),
  valueEur: euros.nullable(),
  form: z.enum(GIFT_FORMS).nullable(),
  forWholeCompany: z.boolean().nullable(),
  days: z.number().int().min(1).max(60).nullable(),
  accepted: z.boolean().nullable(),
});
