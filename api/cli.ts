/**
 * Admin commands for scripts and first setup. Every write goes through the same query functions as the API,
 * so it is validated and audited (the actor is the system).
 *
 *   user add --email E --name N --role R [--password P] [--manager EMAIL]   prints the new full-scope token last
 *   token create --email E [--name N] [--scope full|extension|scim] [--days D]   prints its expiry, then the token last (scim: admins only)
 *   token revoke --id TOKEN_ID
 *   suppliers import FILE.csv | suppliers export [FILE.csv]
 *   people import FILE.csv [--dry-run]                                      naam;email;rol;manager (HR export)
 *   backup FILE                                                             a consistent copy (VACUUM INTO)
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { decodeCsv } from '../core/csv.ts';
import { DomainError } from '../core/errors.ts';
import { createDb, isFileUrl, migrateDb } from '../db/client.ts';
import { createToken, revokeToken, setPassword, TOKEN_DAYS } from '../db/credentials.ts';
import { createPerson, findPersonByEmail } from '../db/people.ts';
import { importPeople } from '../db/people-csv.ts';
import { exportSuppliers, importSuppliers } from '../db/supplier-csv.ts';
import { writeTx } from '../db/write.ts';
import { readEnv } from './config.ts';
import { cliTokenCreate } from './schemas/me.ts';
import { personCreate } from './schemas/people.ts';

const [command, sub, ...rest] = process.argv.slice(2);
const { values: opts, positionals } = parseArgs({
  args: command === 'backup' ? [sub, ...rest].filter(Boolean) : rest,
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
    manager: { type: 'string' },
    scope: { type: 'string' },
    days: { type: 'string' },
    id: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
});

const env = readEnv();
const registry = await createDb(env.databaseUrl, env.databaseAuthToken);
const { db } = registry;
const now = () => new Date();

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Refuses input the API's own schema refuses, naming each option by the flag it came from. */
function failInvalid(error: z.ZodError, flags: Record<string, string> = {}): never {
  fail(
    `Invalid input: ${error.issues.map((i) => `--${flags[String(i.path[0])] ?? i.path.join('.')} ${i.message}`).join('; ')}`,
  );
}

async function userAdd() {
  const manager = opts.manager ? await findPersonByEmail(db, opts.manager) : undefined;
  if (opts.manager && !manager) fail(`No person with e-mail ${opts.manager}.`);
  const input = personCreate.safeParse({
    email: opts.email,
    name: opts.name,
    role: opts.role,
    managerId: manager?.id ?? null,
    password: opts.password,
  });
  if (!input.success) failInvalid(input.error);
  const { password, ...person } = input.data;
  const { token, row } = await writeTx(db, async (tx) => {
    const p = await createPerson(tx, now(), null, person);
    if (password) await setPassword(tx, now(), null, p.id, password);
    return createToken(tx, now(), null, { personId: p.id, name: 'cli', scope: 'full' });
  });
  console.log(`Added ${person.name} <${person.email}> as ${person.role}.`);
  printToken(token, row.expiresAt);
}

/** Scripts read the token from the last line; the expiry goes before it, for the person who runs the command. */
function printToken(token: string, expiresAt: string) {
  const days = Math.round((Date.parse(expiresAt) - now().getTime()) / 86_400_000);
  console.log(`Personal token, valid until ${expiresAt} (${days} days):`);
  console.log(token);
}

async function newToken() {
  const person = opts.email ? await findPersonByEmail(db, opts.email) : undefined;
  if (!person) fail('Name an existing person with --email.');
  // A mistyped scope must stop here: any default would hand out a token with more (or less) access than asked.
  const input = cliTokenCreate.safeParse({
    name: opts.name ?? 'cli',
    scope: opts.scope,
    expiresInDays: opts.days === undefined ? undefined : Number(opts.days),
  });
  if (!input.success) failInvalid(input.error, { expiresInDays: 'days' });
  const { name, scope, expiresInDays } = input.data;
  // Provisioning creates, changes and deactivates people: only an admin's token may (and only while they are one).
  if (scope === 'scim' && person.role !== 'admin') fail('A token of scope scim must belong to an admin.');
  if (expiresInDays === undefined)
    console.log(
      `No --days given: the ${scope} token gets the default of ${TOKEN_DAYS[scope].default} days (at most ${TOKEN_DAYS[scope].max}).`,
    );
  const { token, row } = await writeTx(db, (tx) =>
    createToken(tx, now(), null, { personId: person.id, name, scope, days: expiresInDays }),
  );
  printToken(token, row.expiresAt);
}

async function peopleImport() {
  const file = positionals[0] ?? fail('Name the CSV file: people import FILE.csv [--dry-run]');
  if (!existsSync(file)) fail(`No such file: ${file}`);
  const dryRun = !!opts['dry-run'];
  const report = await importPeople(db, now(), null, decodeCsv(readFileSync(file)), { dryRun });
  console.log(
    `${dryRun ? 'Preview, nothing saved: would add' : 'Added'} ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected.length}.`,
  );
  for (const ch of report.changes) console.log(`  line ${ch.line} ${ch.action} ${ch.name}: ${ch.fields.join(', ')}`);
  for (const r of report.rejected) console.log(`  line ${r.line} (${r.name || 'no name'}): ${r.errors.join('; ')}`);
}

async function suppliersImport() {
  const file = positionals[0] ?? fail('Name the CSV file: suppliers import FILE.csv');
  if (!existsSync(file)) fail(`No such file: ${file}`);
  const report = await importSuppliers(db, now(), null, decodeCsv(readFileSync(file)), { dryRun: false });
  console.log(
    `Added ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected.length}.`,
  );
  for (const r of report.rejected) console.log(`  line ${r.line} (${r.name || 'no name'}): ${r.errors.join('; ')}`);
}

/** VACUUM INTO writes a consistent snapshot even while the server keeps writing (WAL readers see one state). */
async function backup() {
  const target = positionals[0] ?? fail('Name the backup file: backup FILE');
  if (!isFileUrl(env.databaseUrl))
    fail('backup works on an embedded database file; back up a libSQL server with its own tools.');
  if (existsSync(target)) fail(`${target} exists already; choose a new file name.`);
  await db.run(sql`VACUUM INTO ${resolve(target)}`);
  console.log(
    `Backup written to ${target}. Restore: stop the server, copy it over the database file (remove its -wal and -shm files), start.`,
  );
}

try {
  await migrateDb(db);
  const key = `${command ?? ''} ${sub ?? ''}`.trim();
  if (key === 'user add') await userAdd();
  else if (key === 'token create') await newToken();
  else if (key === 'token revoke')
    await writeTx(db, (tx) => revokeToken(tx, now(), null, opts.id ?? fail('Name the token with --id.')));
  else if (key === 'suppliers import') await suppliersImport();
  else if (key === 'people import') await peopleImport();
  else if (key === 'suppliers export') {
    const csv = await exportSuppliers(db);
    if (positionals[0]) writeFileSync(positionals[0], csv);
    else process.stdout.write(csv);
  } else if (command === 'backup') await backup();
  else
    fail(
      'Commands: user add, token create, token revoke, suppliers import, suppliers export, people import, backup. See the top of api/cli.ts.',
    );
} catch (err) {
  if (err instanceof DomainError) fail(`${err.message}${err.details ? ` ${JSON.stringify(err.details)}` : ''}`);
  throw err;
} finally {
  registry.close();
}
