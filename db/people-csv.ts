/**
 * People from an HR export, for organisations without provisioning: CSV with `naam;email;rol;manager` (`;`, `,` or
 * tab separated; the name may also come as `voornaam;tussenvoegsel;achternaam`; the manager by e-mail address).
 * Rows match people by e-mail address; new people are added (staff unless the row names a role), known ones get the
 * row's name, role and manager. A manager may be added by the same file, on any line. Valid rows land in one
 * transaction, invalid ones are reported by line with their reasons and change nothing; `dryRun` gives the same
 * report without writing, like the supplier import.
 */
import { DomainError } from '../core/errors.ts';
import { parseCsv } from '../core/csv.ts';
import { MANAGER_ROLES, ROLES, type Role } from '../core/vocabulary.ts';
import { appendAudit } from './audit.ts';
import type { Db, Tx } from './client.ts';
import { createPerson, normalizeEmail, updatePerson, type Person } from './people.ts';
import { writeTx } from './write.ts';

type Column = 'name' | 'first' | 'infix' | 'last' | 'email' | 'role' | 'manager';
const HEADERS: Record<string, Column> = {
  naam: 'name',
  name: 'name',
  // HR systems (AFAS, Visma, Nmbrs) export the parts of a name in columns of their own.
  voornaam: 'first',
  roepnaam: 'first',
  'first name': 'first',
  firstname: 'first',
  tussenvoegsel: 'infix',
  voorvoegsel: 'infix',
  achternaam: 'last',
  'last name': 'last',
  lastname: 'last',
  surname: 'last',
  email: 'email',
  'e-mail': 'email',
  emailadres: 'email',
  'e-mailadres': 'email',
  mail: 'email',
  rol: 'role',
  role: 'role',
  manager: 'manager',
  leidinggevende: 'manager',
  'manager e-mail': 'manager',
  'manager email': 'manager',
};
const ROLE_WORDS: Record<string, Role> = {
  ...Object.fromEntries(ROLES.map((r) => [r, r])),
  medewerker: 'staff',
  inkoper: 'purchaser',
  leidinggevende: 'manager',
  beheerder: 'admin',
};

export interface PeopleImportReport {
  added: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; name: string; errors: string[] }[];
  changes: { line: number; action: 'add' | 'update'; name: string; personId?: string; fields: string[] }[];
}

interface Row {
  line: number;
  name: string;
  email: string;
  role?: Role;
  /** undefined: the file has no manager column, so managers stay as they are; null: no manager. */
  manager: string | null | undefined;
}

const isEmail = (v: string) => /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/.test(v) && v.length <= 254;

function readRows(text: string): { rows: Row[]; rejected: PeopleImportReport['rejected'] } {
  const [header, ...lines] = parseCsv(text);
  const columns = (header ?? []).map((h) => HEADERS[h.trim().toLowerCase()]);
  if ((!columns.includes('name') && !columns.includes('last')) || !columns.includes('email')) {
    throw new DomainError(
      'invalid',
      'invalid_csv',
      'The first line must be a header with at least the columns "naam" (or "name", or "voornaam" and "achternaam") and "email".',
      { header },
    );
  }
  const hasManager = columns.includes('manager');
  const rows: Row[] = [];
  const rejected: PeopleImportReport['rejected'] = [];
  const seen = new Map<string, number>();
  lines.forEach((cells, i) => {
    const line = i + 2;
    const cell = (c: Column) => (cells[columns.indexOf(c)] ?? '').trim();
    const errors: string[] = [];
    const name = cell('name') || [cell('first'), cell('infix'), cell('last')].filter(Boolean).join(' ');
    const email = normalizeEmail(cell('email'));
    if (!name) errors.push('naam ontbreekt / name is missing');
    if (name.length > 200) errors.push('naam is te lang / name is too long');
    if (!isEmail(email)) errors.push(`e-mailadres "${email.slice(0, 60)}" is ongeldig / invalid e-mail address`);
    const roleCell = cell('role').toLowerCase();
    const role = roleCell ? ROLE_WORDS[roleCell] : undefined;
    if (roleCell && !role)
      errors.push(`rol "${roleCell.slice(0, 40)}" is ongeldig / invalid role (${ROLES.join(', ')})`);
    const manager = hasManager ? normalizeEmail(cell('manager')) || null : undefined;
    if (manager && !isEmail(manager))
      errors.push(`manager "${manager.slice(0, 60)}" is geen e-mailadres / is no e-mail address`);
    if (manager && manager === email)
      errors.push('iemand kan niet zijn eigen manager zijn / a person cannot be their own manager');
    const first = seen.get(email);
    if (first) errors.push(`${email} staat ook op regel ${first} / also on line ${first}`);
    else if (email) seen.set(email, line);
    if (errors.length) rejected.push({ line, name: name.slice(0, 200), errors });
    else rows.push({ line, name, email, role, manager });
  });
  return { rows, rejected };
}

export async function importPeople(
  db: Db,
  now: Date,
  actorId: string | null,
  text: string,
  opts: { dryRun: boolean },
): Promise<PeopleImportReport> {
  const { rows: valid, rejected } = readRows(text);
  const report: PeopleImportReport = { added: 0, updated: 0, unchanged: 0, rejected, changes: [] };
  const apply = async (tx: Tx) => {
    const existing = new Map((await (tx as Db).query.people.findMany()).map((p) => [p.email, p]));
    let rows = valid;
    const roleOf = (row: Row) => row.role ?? existing.get(row.email)?.role ?? 'staff';
    // A manager must be able to review: active, and a manager or admin once this file is applied. A row refused
    // here may be another row's manager, so this repeats until nothing more is refused.
    for (let changed = true; changed;) {
      const byEmail = new Map(rows.map((r) => [r.email, r]));
      const refused = new Map<Row, string>();
      for (const row of rows) {
        if (!row.manager) continue;
        const inFile = byEmail.get(row.manager);
        const known = existing.get(row.manager);
        if (!inFile && !known) refused.set(row, `manager ${row.manager} is onbekend / is unknown`);
        else if (known && !known.active)
          refused.set(row, `manager ${row.manager} is niet meer actief / is no longer active`);
        else if (!MANAGER_ROLES.includes(inFile ? roleOf(inFile) : known!.role))
          refused.set(row, `manager ${row.manager} heeft niet de rol manager of admin / is no manager or admin`);
      }
      for (const [row, reason] of refused) report.rejected.push({ line: row.line, name: row.name, errors: [reason] });
      rows = rows.filter((r) => !refused.has(r));
      changed = refused.size > 0;
    }
    // First everyone with their role, then the managers: a manager may be added (or promoted) further down the file.
    const people = new Map<string, Person | undefined>();
    const pending: { row: Row; fields: string[]; action: 'add' | 'update' }[] = [];
    for (const row of rows) {
      const before = existing.get(row.email);
      const role = roleOf(row);
      if (!before) {
        people.set(
          row.email,
          opts.dryRun
            ? undefined
            : await createPerson(tx, now, actorId, { email: row.email, name: row.name, role, managerId: null }),
        );
        pending.push({ row, action: 'add', fields: ['name', 'email', 'role', ...(row.manager ? ['manager'] : [])] });
        continue;
      }
      people.set(row.email, before);
      const fields = [...(before.name !== row.name ? ['name'] : []), ...(before.role !== role ? ['role'] : [])];
      if (fields.length && !opts.dryRun) await updatePerson(tx, now, actorId, before.id, { name: row.name, role });
      pending.push({ row, action: 'update', fields });
    }
    for (const { row, action, fields } of pending) {
      const person = people.get(row.email);
      if (row.manager !== undefined) {
        const manager = row.manager ? (people.get(row.manager) ?? existing.get(row.manager)) : undefined;
        // In a preview a manager this file adds has no id yet: naming them is a change all the same.
        const managerId = row.manager ? (manager?.id ?? `new:${row.manager}`) : null;
        if (managerId !== (existing.get(row.email)?.managerId ?? null)) {
          if (action === 'update') fields.push('manager');
          if (!opts.dryRun) await updatePerson(tx, now, actorId, person!.id, { managerId });
        }
      }
      if (action === 'update' && !fields.length) {
        report.unchanged++;
        continue;
      }
      if (action === 'add') report.added++;
      else report.updated++;
      report.changes.push({ line: row.line, action, name: row.name, personId: person?.id, fields });
    }
    if (!opts.dryRun && (report.added || report.updated)) {
      await appendAudit(tx, now, {
        actorId,
        action: 'person.import',
        entity: 'person',
        fields: ['added', 'updated', 'rejected'],
      });
    }
  };
  if (opts.dryRun) await apply(db);
  else await writeTx(db, apply);
  report.rejected.sort((a, b) => a.line - b.line);
  report.changes.sort((a, b) => a.line - b.line);
  return report;
}
