/** The supplier register's bodies and queries; identifiers are normalised here so the registry stores one spelling. */
import { z } from 'zod';
import { normalizeDomain, normalizeKvk, normalizeVat } from '../../core/identifiers.ts';
import { freeMailMessage, isFreeMailDomain } from '../../db/free-mail.ts';
import { SUPPLIER_STATUSES } from '../../core/vocabulary.ts';
import { calendarDate, changes, email, id, listQuery, text, uniqueList } from '../schemas.ts';

const normalized = (normalize: (v: string) => string | undefined, what: string) =>
  z
    .string()
    .max(100)
    .transform((v, ctx) => {
      const n = normalize(v);
      if (!n) ctx.addIssue({ code: 'custom', message: `not a valid ${what}` });
      return n ?? v;
    });

const kvk = normalized(normalizeKvk, 'KvK number (8 digits)');
const vat = normalized(normalizeVat, 'VAT number (NL + 9 digits + B + 2 digits)');
const domain = normalized(normalizeDomain, 'domain');

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

export const supplierPatch = changes(supplierFields);

export const supplierListQuery = listQuery.extend({ status: z.enum(SUPPLIER_STATUSES).optional() });
export const mergeBody = z.strictObject({ into: id });
