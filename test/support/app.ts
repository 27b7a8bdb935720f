/**
 * A real app over a real libSQL file in a temp directory, with a clock the test sets. `world()` adds one person
 * per role the access rules distinguish, with tokens, a supplier, a negotiation and a declaration.
 */
import { afterEach, beforeEach } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../api/app.ts';
import type { Mail } from '../../api/mail/sender.ts';
import type { OidcConfig } from '../../api/auth/oidc.ts';
import { createDb, migrateDb, type Registry } from '../../db/client.ts';
import { createToken, revokeToken, setPassword } from '../../db/credentials.ts';
import { createDeclaration } from '../../db/declarations.ts';
import { createNegotiation } from '../../db/negotiations.ts';
import { addTeamMember } from '../../db/team.ts';
import { createPerson, updatePerson } from '../../db/people.ts';
import { runTempDir } from './temp-root.ts';
import { createFlagReport } from '../../db/flag-reports.ts';
import { createSupplier } from '../../db/suppliers.ts';
import { writeTx } from '../../db/write.ts';
import type { Role } from '../../core/vocabulary.ts';

export const T0 = new Date('2026-11-23T10:00:00Z');
export const PASSWORD = 'correct horse battery';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  registry: Registry;
  dir: string;
  clock: { now(): Date; set(d: Date): void };
  /** `app.request` with JSON in and out and a token in the Authorization header. */
  call(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function openTestApp(
  dbFile?: string,
  opts: { rateLimitPerMinute?: number; trustProxy?: string[]; oidc?: OidcConfig; mail?: Mail } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'zuiver-test-'));
  const file = join(dir, 'zuiver.db');
  if (dbFile) copyFileSync(dbFile, file);
  const opened = await createDb(`file:${file}`);
  // Closing a test's database also removes its directory, so a run leaves nothing behind in the temp dir.
  const registry = { ...opened, close: () => (opened.close(), rmSync(dir, { recursive: true, force: true })) };
  await migrateDb(registry.db);
  let current = T0;
  const clock = { now: () => current, set: (d: Date) => void (current = d) };
  const app = createApp({
    db: registry.db,
    clock,
    config: {
      rateLimitPerMinute: opts.rateLimitPerMinute ?? 0,
      publicUrl: 'http://127.0.0.1:8787',
      trustProxy: opts.trustProxy,
      oidc: opts.oidc,
    },
    mail: opts.mail,
  });
  const call: TestApp['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: CSV or HTML, kept as text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return { app, registry, dir, clock, call };
}

/** Calls as the holder of `token`, for tests that speak as several people in turn; `prefix` goes before every path. */
export const callAs = (t: TestApp, token: string, prefix = '') => ({
  get: (path: string) => t.call('GET', prefix + path, { token }),
  post: (path: string, body?: unknown) => t.call('POST', prefix + path, { token, body }),
  patch: (path: string, body?: unknown) => t.call('PATCH', prefix + path, { token, body }),
  del: (path: string) => t.call('DELETE', prefix + path, { token }),
});

export type Who =
  | 'staff'
  | 'otherStaff'
  | 'purchaser'
  | 'ownerPurchaser'
  | 'manager'
  | 'ownManager'
  | 'admin'
  | 'deactivated'
  | 'revoked'
  | 'expired'
  | 'extension';

export interface World {
  people: Record<Exclude<Who, 'revoked' | 'expired' | 'extension'>, { id: string; email: string }>;
  tokens: Record<Who, string>;
  tokenIds: Record<Who, string>;
  supplierId: string;
  otherSupplierId: string;
  /** Owned by `ownerPurchaser`, with `staff` on its team (neither has declared for it yet). */
  negotiationId: string;
  /** A submitted relationship declared by `staff`, whose manager is `ownManager`. */
  declarationId: string;
  /** An open "wrong flag?" report by `staff` on `supplierId`. */
  flagReportId: string;
}

/** Builds the world into `app`'s database. */
export async function buildWorld(t: TestApp): Promise<World> {
  const now = t.clock.now();
  return writeTx(t.registry.db, async (tx) => {
    const person = async (key: string, role: Role, managerId: string | null = null) => {
      const p = await createPerson(tx, now, null, {
        email: `${key.toLowerCase()}@zuiver.test`,
        name: `Test ${key}`,
        role,
        managerId,
      });
      await setPassword(tx, now, p.id, p.id, PASSWORD);
      return { id: p.id, email: p.email };
    };
    const admin = await person('admin', 'admin');
    const ownManager = await person('ownManager', 'manager');
    const manager = await person('manager', 'manager');
    const staff = await person('staff', 'staff', ownManager.id);
    const otherStaff = await person('otherStaff', 'staff', manager.id);
    const purchaser = await person('purchaser', 'purchaser', manager.id);
    const ownerPurchaser = await person('ownerPurchaser', 'purchaser', manager.id);
    const deactivated = await person('deactivated', 'staff', manager.id);
    const people = { admin, ownManager, manager, staff, otherStaff, purchaser, ownerPurchaser, deactivated };
    const tokens = {} as Record<Who, string>;
    const tokenIds = {} as Record<Who, string>;
    for (const [key, p] of Object.entries(people)) {
      const { token, row } = await createToken(tx, now, p.id, { personId: p.id, name: key, scope: 'full' });
      tokens[key as Who] = token;
      tokenIds[key as Who] = row.id;
    }
    const special = async (key: 'revoked' | 'expired' | 'extension', madeAt: Date, days?: number) => {
      const { token, row } = await createToken(tx, madeAt, otherStaff.id, {
        personId: otherStaff.id,
        name: key,
        scope: 'full',
        days,
      });
      tokens[key] = token;
      tokenIds[key] = row.id;
    };
    await special('revoked', now);
    // A day's token made a day and a second ago.
    await special('expired', new Date(now.getTime() - 86_401_000), 1);
    const { token, row } = await createToken(tx, now, staff.id, {
      personId: staff.id,
      name: 'extension',
      scope: 'extension',
    });
    tokens.extension = token;
    tokenIds.extension = row.id;
    await updatePerson(tx, now, admin.id, deactivated.id, { active: false });
    await revokeToken(tx, now, null, tokenIds.revoked);
    const base = {
      aliases: [],
      vat: [],
      domains: [],
      status: 'contracted' as const,
      lastBusinessDate: null,
      notes: null,
    };
    const supplier = await createSupplier(tx, now, null, {
      ...base,
      name: 'Bouwbedrijf Testers B.V.',
      kvk: ['11112222'],
      domains: ['testers.nl'],
    });
    const other = await createSupplier(tx, now, null, { ...base, name: 'Schilders Proef V.O.F.', kvk: ['33334444'] });
    const negotiation = await createNegotiation(tx, now, ownerPurchaser.id, {
      supplierId: supplier.id,
      reference: 'T-1',
      subject: 'Test tender',
      stage: 'tender',
    });
    await addTeamMember(tx, now, ownerPurchaser.id, negotiation.id, staff.id);
    const declaration = await createDeclaration(
      tx,
      now,
      { id: staff.id, role: 'staff' },
      { kind: 'relationship', supplierId: supplier.id, relation: 'broer', description: 'Mijn broer werkt hier' },
      'nl',
    );
    const flagReport = await createFlagReport(tx, now, staff.id, {
      supplierId: supplier.id,
      matched: 'testers.nl',
      kind: 'domain',
      host: 'mail.example.net',
      reason: 'not_this_supplier',
      note: null,
    });
    return {
      people,
      tokens,
      tokenIds,
      supplierId: supplier.id,
      otherSupplierId: other.id,
      negotiationId: negotiation.id,
      declarationId: declaration.id,
      flagReportId: flagReport.id,
    };
  });
}

/** A world built once into a database file that each test copies, so every case starts from the same state. */
export async function worldTemplate(): Promise<{ file: string; world: World }> {
  const t = await openTestApp();
  const world = await buildWorld(t);
  // VACUUM INTO writes one self-contained file, WAL included, that copies cleanly.
  // Copied by every test of the file, so it lasts the run: removed with the run's directory (see temp-root.ts).
  const file = join(mkdtempSync(join(runTempDir(), 'zuiver-template-')), 'template.db');
  await t.registry.client.execute({ sql: 'VACUUM INTO ?', args: [file] });
  t.registry.close();
  return { file, world };
}

/** Gives every test of the file its own copy of one world database (built once), closed after the test. */
export function useWorld(receive: (t: TestApp, w: World) => void, opts: { mail?: Mail } = {}): void {
  let template: { file: string; world: World } | undefined;
  let current: TestApp | undefined;
  beforeEach(async () => {
    template ??= await worldTemplate();
    current = await openTestApp(template.file, opts);
    receive(current, template.world);
  });
  afterEach(() => current?.registry.close());
}
