/**
 * Fills a fresh registry (the real API process) with the fixture suppliers of ../shared/fixtures/watchlist.json,
 * each with a conflict, through the API as a manager would: negotiations, and relationship and private-purchase
 * declarations, so that all three kinds of flag appear. Fixture ids map to registry ids by legal name.
 */
import { readFile } from 'node:fs/promises';
import type { ConflictKind } from '../../core/types';
import { FIXTURES } from './pages';
import type { RunningServer } from './server';

export interface FixtureSupplier {
  id: string;
  names: string[];
  domains: string[];
  kvk: string[];
  vat: string[];
}

export interface SeededRegistry {
  token: string;
  manager: { email: string; name: string };
  /** fixture id -> registry id */
  ids: Map<string, string>;
  /** fixture id -> the legal name the registry knows it by */
  names: Map<string, string>;
  /** fixture id -> the one conflict it was given */
  kinds: Map<string, ConflictKind>;
}

export async function fixtureSuppliers(): Promise<FixtureSupplier[]> {
  return JSON.parse(await readFile(new URL('watchlist.json', FIXTURES), 'utf8'));
}

/** Spreads the kinds over the suppliers so that every page shows each of them. */
export function kindFor(index: number): ConflictKind {
  return (['negotiation', 'related', 'purchase'] as const)[index % 3];
}

export async function seedRegistry(server: RunningServer): Promise<SeededRegistry> {
  const manager = { email: 'mara.manager@example.nl', name: 'Mara Manager' };
  const token = await server.cliToken(['user', 'add', '--email', manager.email, '--name', manager.name, '--role', 'manager']);
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}/api/v1/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`POST ${path} ${JSON.stringify(body)}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; name?: string };
  };

  const suppliers = await fixtureSuppliers();
  const seeded: SeededRegistry = { token, manager, ids: new Map(), names: new Map(), kinds: new Map() };
  const byName = new Map<string, string>();
  const today = new Date().toISOString().slice(0, 10);
  // A few at a time: the server is a separate process, and order does not matter.
  for (let i = 0; i < suppliers.length; i += 8) {
    await Promise.all(
      suppliers.slice(i, i + 8).map(async (s, j) => {
        const created = await post('suppliers', {
          name: s.names[0],
          aliases: s.names.slice(1),
          kvk: s.kvk,
          vat: s.vat,
          domains: s.domains,
          status: 'contracted',
        });
        byName.set(s.names[0], created.id);
        const kind = kindFor(i + j);
        seeded.kinds.set(s.id, kind);
        if (kind === 'negotiation') {
          await post('negotiations', { supplierId: created.id, reference: `AB-${2026}-${i + j}`, subject: 'Groot onderhoud', stage: 'tender' });
        } else if (kind === 'related') {
          await post('declarations', { kind: 'relationship', supplierId: created.id, relation: 'Zwager', description: 'Mijn zwager werkt er.' });
        } else {
          await post('declarations', { kind: 'private_purchase', supplierId: created.id, date: today, amountEur: 250, marketPrice: true, normalTerms: true });
        }
      }),
    );
  }
  for (const s of suppliers) {
    seeded.ids.set(s.id, byName.get(s.names[0])!);
    seeded.names.set(s.id, s.names[0]);
  }
  return seeded;
}
