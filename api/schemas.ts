/**
 * Request schemas, the one place input is checked. Bodies are strict (an unknown field is a 400 naming it, so
 * a typo never silently drops data); identifiers are normalised here so the registry stores one spelling.
 */
import { z } from 'zod';
import { isCalendarDate } from '../core/dates.ts';
import { normalizeDomain, normalizeKvk, normalizeVat } from '../core/identifiers.ts';
import { freeMailMessage, isFreeMailDomain } from '../db/free-mail.ts';
import {
  DECLARATION_KINDS,
  DECLARATION_STATUSES,
  FLAG_MATCH_KINDS,
  FLAG_REPORT_REASONS,
  GIFT_FORMS,
  NEGOTIATION_STATUSES,
  ROLE_VALUES,
  STAGES,
  SUPPLIER_STATUSES,
  TOKEN_SCOPES,
} from '../db/schema.ts';
import { TOKEN_DAYS, type TokenScope } from '../db/credentials.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
export const idParam = z.object({ id: z.string().min(1).max(64) });
const id = z.string().min(1).max(64);
const calendarDate = z.string().refine(isCalendarDate, 'must be a date written YYYY-MM-DD');
const euros = z.number().finite().min(0).max(10_000_000).refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'at most two decimals');

const normalized = (normalize: (v: string) => string | undefined, what: string) =>
  z.string().max(100).transform((v, ctx) => {
    const n = normalize(v);
    if (!n) ctx.addIssue({ code: 'custom', message: `not a valid ${what}` });
    return n ?? v;
  });

const kvk = normalized(normalizeKvk, 'KvK number (8 digits)');
const vat = normalized(normalizeVat, 'VAT number (NL + 9 digits + B + 2 digits)');
const domain = normalized(normalizeDomain, 'domain');

const intParam = (def: number, max: number) => z.coerce.number().int().min(0).max(max).default(def);
export const listQuery = z.object({
  q: z.string().max(200).optional(),
  limit: intParam(100, 1000).pipe(z.number().min(1)),
  offset: intParam(0, 1_000_000_000),
});

/** A value given twice (often in two spellings that normalise alike) is kept once: the registry holds each once. */
const uniqueList = (item: z.ZodType<string, string>, max: number) => z.array(item).max(max).transform((values) => [...new Set(values)]);

/** A whole e-mail address, lowercase: people and the matcher compare addresses case-insensitively. */
const email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/**
 * A free-mail domain would flag every sender there as this supplier: refused on the list (so the 400 names
 * `domains`), with `params.freeMail` for the web UI to say it in the person's language.
 */
const supplierDomains = uniqueList(domain, 50).superRefine((values, ctx) => {
  const free = values.find(isFreeMailDomain);
  if (free) ctx.addIssue({ code: 'custom', message: freeMailMessage(free), params: { freeMail: free } });
});

const supplierFields = {
  name: text(200),
  aliases: uniqueList(text(200), 50),
  kvk: uniqueList(kvk, 20),
  vat: uniqueList(vat, 20),
  domains: supplierDomains,
  emails: uniqueList(email, 50),
  status: z.enum(SUPPLIER_STATUSES),
  lastBusinessDate: calendarDate.nullable(),
  notes: z.string().max(2000).nullable(),
};

export const supplierCreate = z.strictObject({
  name: supplierFields.name,
  aliases: supplierFields.aliases.default([]),
  kvk: supplierFields.kvk.default([]),
  vat: supplierFields.vat.default([]),
  domains: supplierFields.domains.default([]),
  emails: supplierFields.emails.default([]),
  status: supplierFields.status.default('prospect'),
  lastBusinessDate: supplierFields.lastBusinessDate.default(null),
  notes: supplierFields.notes.default(null),
});

export const supplierPatch = z
  .strictObject(supplierFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');

export const supplierListQuery = listQuery.extend({ status: z.enum(SUPPLIER_STATUSES).optional() });
export const mergeBody = z.strictObject({ into: id });
export const importQuery = z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() });

/** A site's host name as the browser gives it (`outlook.office.com`, `127.0.0.1`, `[::1]`): no path, no page text. */
const host = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?:(?:[a-z0-9-]{1,63}\.)*[a-z0-9-]{1,63}|\[[0-9a-f:.]{2,45}\])$/, 'must be a host name');

export const flagReportCreate = z.strictObject({
  supplierId: id,
  matched: z.string().trim().min(1).max(300).nullable().default(null),
  kind: z.enum(FLAG_MATCH_KINDS),
  host,
  reason: z.enum(FLAG_REPORT_REASONS),
  note: z.string().trim().max(1000).transform((v) => v || null).nullable().default(null),
});
export const flagReportPatch = z.strictObject({ resolved: z.boolean() });
export const flagReportListQuery = listQuery.extend({ supplierId: id.optional(), open: z.enum(['0', '1', 'true', 'false']).optional() });

export const negotiationCreate = z.strictObject({
  supplierId: id,
  reference: text(100),
  subject: text(300),
  stage: z.enum(STAGES).default('talks'),
});
export const negotiationPatch = z
  .strictObject({ supplierId: id, reference: text(100), subject: text(300), stage: z.enum(STAGES), status: z.enum(NEGOTIATION_STATUSES) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');
export const negotiationListQuery = listQuery.extend({
  status: z.enum(NEGOTIATION_STATUSES).optional(),
  supplierId: id.optional(),
  mine: z.enum(['0', '1', 'true', 'false']).optional(),
  /** Only the negotiations whose team the caller is on (for staff always so). */
  team: z.enum(['0', '1', 'true', 'false']).optional(),
});
export const recusalBody = z.strictObject({ personId: id, reason: text(1000) });
export const teamMemberParam = z.object({ id, personId: id });
export const teamAddBody = z.strictObject({ personId: id });
export const teamDeclarationBody = z.strictObject({ conflict: z.boolean(), note: optionalText(2000) });

/** Who a declaration is about: a registered supplier, a named one not yet registered, or another organisation. */
const party = { supplierId: id.optional(), supplierName: text(200).optional(), organisation: text(200).optional() };
const description = optionalText(2000);

const declarationKinds = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('relationship'), ...party, relation: text(200), description }),
  z.strictObject({ kind: z.literal('side_job'), ...party, relation: optionalText(200), description: text(2000) }),
  z.strictObject({ kind: z.literal('financial_interest'), ...party, relation: optionalText(200), description: text(2000) }),
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
  const mayNameOrganisation = d.kind === 'side_job' || d.kind === 'financial_interest';
  if (d.organisation !== undefined && !mayNameOrganisation)
    ctx.addIssue({ code: 'custom', path: ['organisation'], message: 'only a side job or financial interest names an organisation' });
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
  toReview: z.enum(['0', '1', 'true', 'false']).optional(),
});
export const reviewBody = z.strictObject({
  /** needs_info: the question goes in `note`. */
  decision: z.enum(['acknowledged', 'not_permitted', 'not_relevant', 'needs_info']),
  note: optionalText(2000),
  supplierId: id.optional(),
});

/** `since`: a version the client holds; a delta comes back when the server still knows it. */
export const watchlistQuery = z.object({ since: z.string().max(100).optional() });

/**
 * An edit by the declarant: the fields to change (null clears one); the kind stays. The merged declaration is
 * checked against `declarationCreate`, so an edit can never make one that could not have been declared.
 */
export const declarationPatch = z
  .strictObject({
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
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');

export const checkBody = z.strictObject({ texts: z.array(z.string().max(200_000)).max(1000) });

export const signInBody = z.strictObject({ email: z.string().trim().max(254), password: z.string().min(1).max(200), name: text(100) });
/** The one-time code the extension's single sign-on ended with, and the redirect URL it was issued for. */
export const extensionCodeBody = z.strictObject({ code: z.string().min(1).max(200), redirectUri: z.string().min(1).max(500), name: text(100) });

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

/** A token's request: the API offers the scopes a person may make for themself, the CLI also `scim`. */
const tokenCreateOf = <S extends readonly [TokenScope, ...TokenScope[]]>(scopes: S) =>
  z
    .strictObject({
      name: text(100),
      scope: z.enum(scopes).default(scopes[0]),
      expiresInDays: z.number().int().min(1).max(TOKEN_DAYS.full.max).optional(),
    })
    // Runs even when a field failed its own check: leave those (a wrong type, past the longest time) to it.
    .refine((v) => typeof v.expiresInDays !== 'number' || v.expiresInDays > TOKEN_DAYS.full.max || v.expiresInDays <= TOKEN_DAYS[v.scope as TokenScope].max, {
      path: ['expiresInDays'],
      message: `an extension token lasts at most ${TOKEN_DAYS.extension.max} days`,
    });
export const tokenCreate = tokenCreateOf(['full', 'extension']);
export const cliTokenCreate = tokenCreateOf(TOKEN_SCOPES);

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

export const auditQuery = listQuery.extend({
  actorId: id.optional(),
  entity: z.string().max(40).optional(),
  entityId: id.optional(),
  action: z.string().max(60).optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), format: z.enum(['json', 'csv']).optional() });

export const campaignCreate = z.strictObject({ title: text(200), dueOn: calendarDate });
export const attestationConfirm = z.strictObject({
  nothingToDeclare: z.boolean(),
  stillCurrent: z.array(id).max(500).optional(),
  ended: z.array(id).max(500).optional(),
});
export const mailSettings = z
  .strictObject({ language: z.enum(['nl', 'en']), reviewDigest: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');
