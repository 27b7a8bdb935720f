/**
 * People from an HR export: the API's preview and import, per-row errors, managers named by e-mail address (also
 * further down the same file), and the same through the admin's web page and the CLI.
 */
import { expect, test } from 'vitest';
import { useWorld, type TestApp, type World } from '../support/app.ts';
import { startServer } from '../support/server.ts';
import { postForm, sessionFor, visibleText } from './web-client.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const HR = [
  'naam;email;rol;manager',
  'Anna de Vries;anna@zuiver.test;medewerker;bram@zuiver.test',
  'Bram Jansen;Bram@Zuiver.test;leidinggevende;',
  'Test staff (hernoemd);staff@zuiver.test;staff;manager@zuiver.test',
  ';zonder-naam@zuiver.test;staff;',
  'Fout Adres;geen-adres;staff;',
  'Onbekende Rol;rol@zuiver.test;directeur;',
  'Dubbel;anna@zuiver.test;staff;',
  'Staff Als Manager;sam@zuiver.test;staff;otherstaff@zuiver.test',
  'Onbekende Manager;om@zuiver.test;staff;niemand@zuiver.test',
].join('\n');

const importCsv = (csv: string, dryRun: boolean) =>
  t.call('POST', `/api/v1/people/import${dryRun ? '?dryRun=1' : ''}`, {
    token: w.tokens.admin,
    body: csv,
    headers: { 'content-type': 'text/csv' },
  });
const personByEmail = async (email: string) =>
  (await t.registry.client.execute({ sql: 'select * from people where email = ?', args: [email] })).rows[0];

test('a preview reports every change and every refused line, and writes nothing', async () => {
  const auditBefore = (await t.registry.client.execute('select count(*) as n from audit')).rows[0].n;
  const res = await importCsv(HR, true);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ added: 2, updated: 1, unchanged: 0 });
  expect(res.body.changes).toEqual([
    { line: 2, action: 'add', name: 'Anna de Vries', fields: ['name', 'email', 'role', 'manager'] },
    { line: 3, action: 'add', name: 'Bram Jansen', fields: ['name', 'email', 'role'] },
    // staff's manager was ownManager; the file names manager.
    {
      line: 4,
      action: 'update',
      name: 'Test staff (hernoemd)',
      personId: w.people.staff.id,
      fields: ['name', 'manager'],
    },
  ]);
  expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([5, 6, 7, 8, 9, 10]);
  const reasons = Object.fromEntries(
    res.body.rejected.map((r: { line: number; errors: string[] }) => [r.line, r.errors.join(' ')]),
  );
  expect(reasons[5]).toMatch(/name is missing/);
  expect(reasons[6]).toMatch(/invalid e-mail/);
  expect(reasons[7]).toMatch(/invalid role/);
  expect(reasons[8]).toMatch(/also on line 2/);
  expect(reasons[9]).toMatch(/no manager or admin/);
  expect(reasons[10]).toMatch(/unknown/);
  expect(await personByEmail('anna@zuiver.test')).toBeUndefined();
  expect((await t.registry.client.execute('select count(*) as n from audit')).rows[0].n).toBe(auditBefore);
});

test('the import writes the valid lines: new people, their manager from further down the file, and changes', async () => {
  const res = await importCsv(HR, false);
  expect(res.body).toMatchObject({ added: 2, updated: 1 });
  const bram = await personByEmail('bram@zuiver.test');
  expect(bram).toMatchObject({ name: 'Bram Jansen', role: 'manager', manager_id: null });
  expect(await personByEmail('anna@zuiver.test')).toMatchObject({ role: 'staff', manager_id: bram.id });
  expect(await personByEmail('staff@zuiver.test')).toMatchObject({
    name: 'Test staff (hernoemd)',
    manager_id: w.people.manager.id,
  });
  expect(await personByEmail('sam@zuiver.test')).toBeUndefined();
  const audit = await t.registry.client.execute({
    sql: "select count(*) as n from audit where action = 'person.import' and actor_id = ?",
    args: [w.people.admin.id],
  });
  expect(Number(audit.rows[0].n)).toBe(1);
  // The same file again changes nothing.
  expect((await importCsv(HR, false)).body).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
});

test("an HR system's export with the parts of a name in columns of their own imports whole names", async () => {
  const csv = [
    'Voornaam;Tussenvoegsel;Achternaam;E-mailadres',
    'Anna;de;Vries;anna@zuiver.test',
    'Bram;;Jansen;bram@zuiver.test',
  ];
  const res = await importCsv(csv.join('\n'), false);
  expect(res.body).toMatchObject({ added: 2, rejected: [] });
  expect((await personByEmail('anna@zuiver.test')).name).toBe('Anna de Vries');
  expect((await personByEmail('bram@zuiver.test')).name).toBe('Bram Jansen');
});

test('a file without the name and e-mail columns is a 400, and only admins import', async () => {
  const res = await importCsv('wie;waar\nx;y\n', true);
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('invalid_csv');
  const byManager = await t.call('POST', '/api/v1/people/import', {
    token: w.tokens.manager,
    body: HR,
    headers: { 'content-type': 'text/csv' },
  });
  expect(byManager.status).toBe(403);
});

test('the people page previews first and imports on confirmation', async () => {
  const admin = await sessionFor(t, w.people.admin.id);
  const preview = await postForm(t, '/people/import', admin, { action: 'preview', text: HR });
  expect(preview.status).toBe(200);
  const text = visibleText(preview.html);
  expect(text).toContain('Toegevoegd: 2 · bijgewerkt: 1');
  expect(text).toContain('also on line 2');
  expect(await personByEmail('anna@zuiver.test')).toBeUndefined();
  const done = await postForm(t, '/people/import', admin, { action: 'confirm', text: HR });
  expect(done.status).toBe(200);
  expect(await personByEmail('anna@zuiver.test')).toBeDefined();
});

test('cli people import previews with --dry-run and imports without it', async () => {
  const server = await startServer();
  try {
    const { writeFileSync } = await import('node:fs');
    const file = `${server.dir}/hr.csv`;
    await server.cli(['user', 'add', '--email', 'hr-manager@corp.test', '--name', 'HR', '--role', 'manager']);
    writeFileSync(file, 'naam,email,rol,manager\nKees,kees@corp.test,staff,hr-manager@corp.test\nKapot,kapot,staff,\n');
    expect(await server.cli(['people', 'import', file, '--dry-run'])).toMatch(
      /Preview, nothing saved: would add 1, updated 0, unchanged 0, rejected 1\.[\s\S]*line 3 \(Kapot\)/,
    );
    expect(await server.cli(['people', 'import', file])).toMatch(/^Added 1, updated 0, unchanged 0, rejected 1\./);
    expect(await server.cli(['people', 'import', file])).toMatch(/^Added 0, updated 0, unchanged 1, rejected 1\./);
  } finally {
    await server.stop();
  }
}, 60_000);
