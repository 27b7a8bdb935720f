/**
 * What the three access tables share (access.test.ts for the API, web-access.test.ts for the pages,
 * scim-access.test.ts for provisioning): one world database that every case copies, the check that a table lists
 * exactly the app's routes of its kind, and the run of every row for every caller, each case on a fresh copy of
 * the world so that the status says only who may do what.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describedRoutes, type RouteInfo } from '../../api/openapi.ts';
import { startCampaign } from '../../db/attestations.ts';
import { attestations } from '../../db/schema.ts';
import { writeTx } from '../../db/write.ts';
import { openTestApp, worldTemplate, type TestApp, type World } from './app.ts';

export interface AccessCase<Row, Caller> {
  /** A fresh copy of the world's database. */
  t: TestApp;
  w: World;
  who: Caller;
  method: string;
  /** The route as the app lists it (`/api/v1/people/:id`), for rows that need no other path. */
  pattern: string;
  row: Row;
}

export interface AccessTableOptions<Row, Caller> {
  /** Keyed by the route as the app lists it: `METHOD /path/:param`. */
  table: Record<string, Row>;
  callers: readonly Caller[];
  /** Which of the app's described routes the table is for. */
  covers: (route: RouteInfo) => boolean;
  /** The title of the test that the table and the routes match, and the names of what is missing on either side. */
  coverage: { title: string; routesWithoutRow: string; rowsWithoutRoute: string };
  /** Runs once, on a copy of the world, before any case (to read what rows send back, such as the policy). */
  before?: (t: TestApp, w: World) => Promise<void>;
  /** One row for one caller: sends the request and checks the answer. */
  check: (c: AccessCase<Row, Caller>) => Promise<void>;
}

/** Registers the coverage test and one test per row and caller; returns the world every case copies. */
export function useAccessTable<Row, Caller extends string>(
  opts: AccessTableOptions<Row, Caller>,
): () => { file: string; world: World } {
  let template: { file: string; world: World };
  let routes: string[];

  beforeAll(async () => {
    template = await worldTemplate();
    const t = await openTestApp(template.file);
    await opts.before?.(t, template.world);
    routes = describedRoutes(t.app)
      .filter(opts.covers)
      .map((r) => `${r.method} ${r.path}`);
    t.registry.close();
  });

  test(opts.coverage.title, () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(
      routes.filter((r) => !opts.table[r]),
      opts.coverage.routesWithoutRow,
    ).toEqual([]);
    expect(
      Object.keys(opts.table).filter((r) => !routes.includes(r)),
      opts.coverage.rowsWithoutRoute,
    ).toEqual([]);
  });

  describe.each(Object.entries(opts.table))('%s', (route, row) => {
    const [method, pattern] = route.split(' ');
    let t: TestApp;
    afterAll(() => t?.registry.close());

    test.each(opts.callers)('as %s', async (who) => {
      t?.registry.close();
      t = await openTestApp(template.file);
      await opts.check({ t, w: template.world, who, method, pattern, row });
    });
  });

  return () => template;
}

/** How many audit rows the case's database holds: a write leaves at least one, a refused request none. */
export const auditRows = async (t: TestApp) =>
  Number((await t.registry.client.execute('select count(*) as n from audit')).rows[0].n);

/** Starts a campaign in the case's database; everyone active gets an attestation. */
export async function campaign(t: TestApp, w: World): Promise<string> {
  const c = await writeTx(t.registry.db, (tx) =>
    startCampaign(tx, t.clock.now(), w.people.admin.id, { title: 'Bevestiging 2026', dueOn: '2026-12-31' }),
  );
  return c.id;
}

/** The id of the caller's own attestation in a new campaign (staff's for callers who are not a person of the world). */
export async function ownAttestationId(t: TestApp, w: World, who: string): Promise<string> {
  const id = await campaign(t, w);
  const person = w.people[who as keyof World['people']] ?? w.people.staff;
  const [a] = await t.registry.db
    .select()
    .from(attestations)
    .where(and(eq(attestations.campaignId, id), eq(attestations.personId, person.id)));
  return a?.id ?? 'none';
}
