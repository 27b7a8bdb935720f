/**
 * People from an HR export, for organisations without provisioning: previewed before it writes, as the supplier
 * import is (ui/csv-import.tsx).
 */
import { Hono } from 'hono';
import { importPeople, type PeopleImportReport } from '../../../db/people-csv.ts';
import { now } from '../../http.ts';
import { ADMINS, page, type WebEnv } from '../env.ts';
import { csvImportHandlers } from '../ui/csv-import.tsx';

const peopleImport = csvImportHandlers<PeopleImportReport>({
  path: '/people/import',
  texts: (t) => ({ ...t.peopleImport, name: t.people.name }),
  run: (c, csv, dryRun) => importPeople(c.var.deps.db, now(c), c.var.caller.person.id, csv, { dryRun }),
  link: (change) => change.personId && `/people/${change.personId}`,
});

export const peopleImportPages = new Hono<WebEnv>()
  .get('/people/import', page('The people import form (HR export as CSV)', ADMINS), peopleImport.form)
  .post(
    '/people/import',
    page('Import people from an HR export: action=preview shows the changes, confirm writes them', ADMINS),
    peopleImport.post,
  );
