/**
 * The ERP's supplier list in and out as CSV (`naam;kvk;btw;domein;email;status`, `;` or `,` separated). An import
 * matches rows to suppliers by KvK, then VAT, then name (case and diacritics aside); valid rows land in one
 * transaction, invalid ones are reported by line with their reasons and change nothing. `dryRun` gives the same
 * report without writing.
 */
import { z } from 'zod';
import { DomainError } from '../core/errors.ts';
import { parseCsv, toCsv } from '../core/csv.ts';
import { normalizeDomain, normalizeKvk, normalizeVat } from '../core/identifiers.ts';
import { foldText } from '../core/matcher/normalize.ts';
import { SUPPLIER_STATUSES, type SupplierStatus } from '../core/vocabulary.ts';
import { appendAudit } from './audit.ts';
import { freeMailMessage, freeMailMessageNl, isFreeMailDomain } from './free-mail.ts';
import type { Db, Tx } from './client.ts';
import { createSupplier, unique, updateSupplier, type SupplierInput } from './suppliers.ts';
import { writeTx } from './write.ts';

const HEADERS: Record<string, 'name' | 'kvk' | 'vat' | 'domains' | 'emails' | 'status' | 'aliases'> = {
  naam: 'name',
  name: 'name',
  kvk: 'kvk',
  btw: 'vat',
  vat: 'vat',
  domein: 'domains',
  domain: 'domains',
  domains: 'domains',
  email: 'emails',
  'e-mail': 'emails',
  emails: 'emails',
  emailadres: 'emails',
  'e-mailadres': 'emails',
  status: 'status',
  aliassen: 'aliases',
  aliases: 'aliases',
  handelsnamen: 'aliases',
};

/** The same check as the API's: a whole address, lowercase. */
const normalizeEmail = (value: string) => {
  const parsed = z.email().safeParse(value.trim().toLowerCase());
  return parsed.success && parsed.data.length <= 254 ? parsed.data : undefined;
};
const STATUS_WORDS: Record<string, SupplierStatus> = {
  ...Object.fromEntries(SUPPLIER_STATUSES.map((s) => [s, s])),
  gecontracteerd: 'contracted',
  contract: 'contracted',
  voormalig: 'former',
  gearchiveerd: 'archived',
};

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; name: string; errors: string[] }[];
  changes: { line: number; action: 'add' | 'update'; name: string; supplierId?: string; fields: string[] }[];
}

interface Row {
  line: number;
  name: string;
  kvk: string[];
  vat: string[];
  domains: string[];
  emails: string[];
  aliases: string[];
  status?: SupplierStatus;
}

const list = (cell: string | undefined) =>
  unique(
    (cell ?? '')
      .split(/[|,\n]/)
      .map((v) => v.trim())
      .filter(Boolean),
  );

/** Why a value may be invalid, where a common cause is known: a spreadsheet reads a KvK number as a number. */
const hint = (label: string, value: string) =>
  label === 'KvK' && /^\s*\d{7}\s*$/.test(value)
    ? ' (7 cijfers: liet een spreadsheet de 0 vooraan vallen? / 7 digits: did a spreadsheet drop the leading 0?)'
    : '';

function readRows(text: string): { rows: Row[]; rejected: ImportReport['rejected'] } {
  const [header, ...lines] = parseCsv(text);
  const columns = (header ?? []).map((h) => HEADERS[h.trim().toLowerCase()]);
  if (!columns.includes('name'))
    throw new DomainError(
      'invalid',
      'invalid_csv',
      'The first line must be a header with at least a "naam" (or "name") column.',
      { header },
    );
  const rows: Row[] = [];
  const rejected: ImportReport['rejected'] = [];
  // A number on two rows would either create two suppliers with it (a 409 that aborts the whole import) or
  // apply both rows to one supplier: the later row is rejected instead, naming the line it repeats.
  const seen = { kvk: new Map<string, number>(), vat: new Map<string, number>() };
  const checkRepeats = (kind: keyof typeof seen, values: string[], line: number, errors: string[]) => {
    for (const v of values) {
      const first = seen[kind].get(v);
      if (first)
        errors.push(`${kind === 'kvk' ? 'KvK' : 'BTW/VAT'} ${v} staat ook op regel ${first} / also on line ${first}`);
      else seen[kind].set(v, line);
    }
  };
  lines.forEach((cells, i) => {
    const line = i + 2;
    const cell = (c: string) => cells[columns.indexOf(c as never)];
    const errors: string[] = [];
    const name = (cell('name') ?? '').trim();
    if (!name) errors.push('naam ontbreekt / name is missing');
    if (name.length > 200) errors.push('naam is te lang / name is too long');
    const checked = (values: string[], normalize: (v: string) => string | undefined, label: string) =>
      unique(
        values.flatMap(
          (v) =>
            normalize(v) ?? (errors.push(`${label} "${v.slice(0, 40)}" is ongeldig / invalid${hint(label, v)}`), []),
        ),
      );
    const kvk = checked(list(cell('kvk')), normalizeKvk, 'KvK');
    const vat = checked(list(cell('vat')), normalizeVat, 'BTW/VAT');
    const domains = checked(list(cell('domains')), normalizeDomain, 'domein/domain');
    for (const d of domains.filter(isFreeMailDomain)) errors.push(`${freeMailMessageNl(d)} / ${freeMailMessage(d)}`);
    const emails = checked(list(cell('emails')), normalizeEmail, 'e-mailadres/e-mail address');
    const statusCell = (cell('status') ?? '').trim().toLowerCase();
    const status = statusCell ? STATUS_WORDS[statusCell] : undefined;
    if (statusCell && !status)
      errors.push(`status "${statusCell.slice(0, 40)}" is ongeldig / invalid (${SUPPLIER_STATUSES.join(', ')})`);
    checkRepeats('kvk', kvk, line, errors);
    checkRepeats('vat', vat, line, errors);
    if (errors.length) rejected.push({ line, name: name.slice(0, 200), errors });
    else rows.push({ line, name, kvk, vat, domains, emails, aliases: list(cell('aliases')), status });
  });
  return { rows, rejected };
}

/** What a row is matched against: a supplier in the registry, or (in a preview) one an earlier row would add. */
type Known = SupplierInput & { id?: string };

/** Names match whatever their case, diacritics or punctuation; a name of punctuation alone only matches itself. */
const nameKey = (name: string) => foldText(name) || name;

const union = (a: string[], b: string[]) => unique([...a, ...b]);

export async function importSuppliers(
  db: Db,
  now: Date,
  actorId: string | null,
  text: string,
  opts: { dryRun: boolean },
): Promise<ImportReport> {
  const { rows, rejected } = readRows(text);
  const report: ImportReport = { added: 0, updated: 0, unchanged: 0, rejected, changes: [] };
  const apply = async (tx: Tx) => {
    const all = await (tx as Db).query.suppliers.findMany();
    const live = all.filter((s) => !s.mergedInto);
    const byKvk = new Map<string, Known>();
    const byVat = new Map<string, Known>();
    const byName = new Map<string, Known>();
    // Suppliers added or changed by earlier rows are remembered too, so a later row finds them (in a preview
    // as well, where they exist only as what would be written). One object per supplier, changed in place: a later
    // row that finds it under an old name or number then compares with what is there now.
    const remember = (s: Known) => {
      for (const k of s.kvk) byKvk.set(k, s);
      for (const v of s.vat) byVat.set(v, s);
      byName.set(nameKey(s.name), s);
    };
    live.forEach(remember);
    for (const row of rows) {
      const matches = new Set(
        [...row.kvk.map((k) => byKvk.get(k)), ...row.vat.map((v) => byVat.get(v))].filter(Boolean),
      );
      if (matches.size > 1) {
        report.rejected.push({
          line: row.line,
          name: row.name,
          errors: ['KvK en BTW horen bij verschillende leveranciers / KvK and VAT belong to different suppliers'],
        });
        continue;
      }
      const existing = [...matches][0] ?? byName.get(nameKey(row.name));
      if (!existing) {
        const input: SupplierInput = {
          name: row.name,
          aliases: row.aliases,
          kvk: row.kvk,
          vat: row.vat,
          domains: row.domains,
          emails: row.emails,
          status: row.status ?? 'prospect',
          lastBusinessDate: null,
          notes: null,
        };
        const created = opts.dryRun ? undefined : await createSupplier(tx, now, actorId, input);
        remember(created ?? input);
        report.added++;
        report.changes.push({
          line: row.line,
          action: 'add',
          name: row.name,
          supplierId: created?.id,
          fields: ['name', 'kvk', 'vat', 'domains', 'emails', 'status'],
        });
        continue;
      }
      const changes: Partial<SupplierInput> = {
        name: row.name,
        aliases: union(existing.aliases, [
          ...row.aliases,
          ...(existing.name !== row.name ? [existing.name] : []),
        ]).filter((a) => a !== row.name),
        kvk: union(existing.kvk, row.kvk),
        vat: union(existing.vat, row.vat),
        domains: union(existing.domains, row.domains),
        emails: union(existing.emails ?? [], row.emails),
        ...(row.status ? { status: row.status } : {}),
      };
      const fields = (Object.keys(changes) as (keyof SupplierInput)[]).filter(
        (k) => JSON.stringify(changes[k]) !== JSON.stringify(existing[k]),
      );
      if (!fields.length) {
        report.unchanged++;
        continue;
      }
      // Only a preview meets a supplier without an id: one that an earlier row would add.
      const updated =
        !opts.dryRun && existing.id ? await updateSupplier(tx, now, actorId, existing.id, changes) : undefined;
      remember(Object.assign(existing, updated ?? changes));
      report.updated++;
      report.changes.push({ line: row.line, action: 'update', name: row.name, supplierId: existing.id, fields });
    }
    // An import that changed nothing (every row rejected or unchanged) is no write: it leaves no audit row.
    if (!opts.dryRun && (report.added || report.updated)) {
      await appendAudit(tx, now, {
        actorId,
        action: 'supplier.import',
        entity: 'supplier',
        fields: ['added', 'updated', 'rejected'],
      });
    }
  };
  if (opts.dryRun) await apply(db);
  else await writeTx(db, apply);
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

export async function exportSuppliers(db: Db): Promise<string> {
  const all = (await db.query.suppliers.findMany({ orderBy: (s, { asc }) => [asc(s.name)] })).filter(
    (s) => !s.mergedInto,
  );
  return toCsv([
    ['naam', 'kvk', 'btw', 'domein', 'email', 'status', 'aliassen'],
    ...all.map((s) => [
      s.name,
      s.kvk.join('|'),
      s.vat.join('|'),
      s.domains.join('|'),
      s.emails.join('|'),
      s.status,
      s.aliases.join('|'),
    ]),
  ]);
}
