/**
 * The load bench's registry: the 10,000 suppliers of ../shared/fixtures/watchlist-10k.json, people of every role
 * (staff with their managers, purchasers, an admin), suppliers in open negotiations and some 1,000 declarations,
 * all written through the same query functions as the API, so identifiers, audit chain and indexes are real.
 */
import { createDb, migrateDb } from '../../db/client.ts';
import { createToken } from '../../db/credentials.ts';
import { createDeclaration, reviewDeclaration } from '../../db/declarations.ts';
import { createNegotiation } from '../../db/negotiations.ts';
import { createPerson } from '../../db/people.ts';
import { createSupplier } from '../../db/suppliers.ts';
import { writeTx } from '../../db/write.ts';
import type { Role } from '../../core/vocabulary.ts';
import { fixture } from './fixture-suppliers.ts';

export const IN_NEGOTIATION = 800;

export interface Person {
  id: string;
  role: Role;
  token: string;
  managerIndex?: number;
}

/** Builds the registry file with the query functions the API uses; the server is started on it afterwards. */
export async function buildRegistry(file: string) {
  const registry = await createDb(`file:${file}`);
  await migrateDb(registry.db);
  const now = new Date();
  const people = await writeTx(registry.db, async (tx) => {
    const make = async (key: string, role: Role, managerId: string | null = null): Promise<Person> => {
      const p = await createPerson(tx, now, null, { email: `${key}@load.test`, name: `Load ${key}`, role, managerId });
      return {
        id: p.id,
        role,
        token: (await createToken(tx, now, p.id, { personId: p.id, name: 'load', scope: 'full' })).token,
      };
    };
    const admin = await make('admin', 'admin');
    const managers: Person[] = [];
    for (let i = 0; i < 5; i++) managers.push(await make(`manager${i}`, 'manager'));
    const purchasers: Person[] = [];
    for (let i = 0; i < 15; i++) purchasers.push(await make(`purchaser${i}`, 'purchaser', managers[i % 5].id));
    const staff: Person[] = [];
    for (let i = 0; i < 60; i++)
      staff.push({ ...(await make(`staff${i}`, 'staff', managers[i % 5].id)), managerIndex: i % 5 });
    return { admin, managers, purchasers, staff };
  });
  const supplierIds = await writeTx(registry.db, async (tx) => {
    const ids: string[] = [];
    for (const s of fixture) {
      const status = ids.length % 3 === 0 ? 'prospect' : 'contracted';
      const row = await createSupplier(tx, now, people.admin.id, {
        name: s.names[0],
        aliases: s.names.slice(1),
        kvk: s.kvk,
        vat: s.vat,
        domains: s.domains,
        status,
        lastBusinessDate: null,
        notes: null,
      });
      ids.push(row.id);
    }
    return ids;
  });
  await writeTx(registry.db, async (tx) => {
    for (let i = 0; i < IN_NEGOTIATION; i++) {
      const owner = people.purchasers[i % people.purchasers.length];
      await createNegotiation(tx, now, owner.id, {
        supplierId: supplierIds[i * 7],
        reference: `AB-${2026}-${i}`,
        subject: 'Planmatig onderhoud',
        stage: (['talks', 'tender', 'negotiation'] as const)[i % 3],
      });
    }
    const today = now.toISOString().slice(0, 10);
    for (let i = 0; i < 1_000; i++) {
      const declarant = people.staff[i % people.staff.length];
      const supplierId = supplierIds[(i * 13) % supplierIds.length];
      const actor = { id: declarant.id, role: declarant.role };
      const input =
        i % 3 === 0
          ? { kind: 'relationship' as const, supplierId, relation: 'zwager', description: 'Werkt als projectleider' }
          : i % 3 === 1
            ? {
                kind: 'private_purchase' as const,
                supplierId,
                date: today,
                amountEur: 1_250,
                marketPrice: true,
                normalTerms: true,
              }
            : { kind: 'gift' as const, supplierId, valueEur: 25, form: 'goods' as const, forWholeCompany: false };
      const d = await createDeclaration(tx, now, actor, input, 'nl');
      if (i % 2 === 0)
        await reviewDeclaration(tx, now, people.managers[declarant.managerIndex!], d.id, { decision: 'acknowledged' });
    }
  });
  registry.close();
  return { people, supplierIds };
}

export type People = Awaited<ReturnType<typeof buildRegistry>>['people'];
