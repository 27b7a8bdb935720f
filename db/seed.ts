/**
 * Demo data for a new, empty registry: a small organisation under the Samenwerking code, four people (one per
 * role) and suppliers that show every conflict kind. All firms are fictional. Written through the same query
 * functions as the API, so the demo's audit trail verifies like any other.
 */
import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import { addMonths, amsterdamDate } from '../core/dates.ts';
import { PRESETS } from '../core/policy.ts';
import type { Role } from '../core/vocabulary.ts';
import type { Db } from './client.ts';
import { createDeclaration, reviewDeclaration } from './declarations.ts';
import { createNegotiation } from './negotiations.ts';
import { addTeamMember } from './team.ts';
import { createPerson } from './people.ts';
import { setPassword } from './credentials.ts';
import { setPolicy } from './policy.ts';
import { people } from './schema.ts';
import { createSupplier, type SupplierInput } from './suppliers.ts';
import { writeTx } from './write.ts';

/** A password made for this database alone: a fixed one would be known to anybody who read the code. */
const newDemoPassword = () => `demo-${randomBytes(12).toString('base64url')}`;

export const DEMO_PEOPLE: { key: string; email: string; name: string; role: Role; manager?: string }[] = [
  { key: 'admin', email: 'admin@zuiver.example', name: 'Anna de Beheerder', role: 'admin' },
  { key: 'manager', email: 'manager@zuiver.example', name: 'Mees Verhoef', role: 'manager' },
  { key: 'purchaser', email: 'inkoper@zuiver.example', name: 'Pim Jacobs', role: 'purchaser', manager: 'manager' },
  { key: 'staff', email: 'medewerker@zuiver.example', name: 'Sara El Amrani', role: 'staff', manager: 'manager' },
];

const supplier = (name: string, rest: Partial<SupplierInput>): SupplierInput => ({
  name,
  aliases: [],
  kvk: [],
  vat: [],
  domains: [],
  status: 'contracted',
  lastBusinessDate: null,
  notes: null,
  ...rest,
});

const DEMO_SUPPLIERS = {
  jansen: supplier('Bouwbedrijf Jansen Vlaardingen B.V.', {
    aliases: ['Jansen Bouw'],
    kvk: ['24123456'],
    vat: ['NL812345678B01'],
    domains: ['jansenbouw-vlaardingen.nl'],
  }),
  kwast: supplier('Schildersbedrijf De Kwast V.O.F.', { kvk: ['27345678'], domains: ['dekwastschilders.nl'] }),
  vandam: supplier('Installatietechniek Van Dam B.V.', {
    aliases: ['Van Dam Installaties'],
    kvk: ['33456789'],
    vat: ['NL823456789B01'],
    domains: ['vandam-installatie.nl'],
  }),
  rijnmond: supplier('Dakwerken Rijnmond N.V.', { kvk: ['24987654'], domains: ['dakwerkenrijnmond.nl'] }),
  groen: supplier('Hoveniersbedrijf Groen & Zonen', {
    kvk: ['27654321'],
    domains: ['groenhoveniers.nl'],
    status: 'prospect',
  }),
};

export async function isEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(people);
  return n === 0;
}

/** Seeds the demo organisation; returns the password of its people, which exists nowhere else. */
export async function seedDemo(db: Db, now: Date): Promise<{ password: string }> {
  const today = amsterdamDate(now);
  const password = newDemoPassword();
  await writeTx(db, async (tx) => {
    await setPolicy(tx, now, null, PRESETS.samenwerking);
    const ids: Record<string, string> = {};
    for (const p of DEMO_PEOPLE) {
      const created = await createPerson(tx, now, null, {
        email: p.email,
        name: p.name,
        role: p.role,
        managerId: p.manager ? ids[p.manager] : null,
      });
      ids[p.key] = created.id;
      await setPassword(tx, now, null, created.id, password);
    }
    const s: Record<string, string> = {};
    for (const [key, input] of Object.entries(DEMO_SUPPLIERS)) s[key] = (await createSupplier(tx, now, null, input)).id;

    const purchaser = { id: ids.purchaser, role: 'purchaser' as const };
    const staff = { id: ids.staff, role: 'staff' as const };
    const manager = { id: ids.manager, role: 'manager' as const };
    const westwijk = await createNegotiation(tx, now, purchaser.id, {
      supplierId: s.jansen,
      reference: 'AB-2026-014',
      subject: 'Groot onderhoud Westwijk',
      stage: 'tender',
    });
    // A team member besides the owner, who still has to declare: the award of this tender waits for her.
    await addTeamMember(tx, now, purchaser.id, westwijk.id, ids.staff);
    await createNegotiation(tx, now, purchaser.id, {
      supplierId: s.rijnmond,
      reference: 'AB-2026-021',
      subject: 'Dakrenovatie Babberspolder',
      stage: 'negotiation',
    });
    const brother = await createDeclaration(
      tx,
      now,
      staff,
      {
        kind: 'relationship',
        supplierId: s.kwast,
        relation: 'zwager',
        description: 'Mijn zwager is uitvoerder bij dit schildersbedrijf.',
      },
      'nl',
    );
    await reviewDeclaration(tx, now, manager, brother.id, {
      decision: 'acknowledged',
      note: 'Sara blijft buiten de schilderwerk-aanbesteding.',
    });
    await createDeclaration(
      tx,
      now,
      purchaser,
      {
        kind: 'side_job',
        supplierId: s.rijnmond,
        relation: 'adviseur',
        description: 'Betaald adviseur calculatie, 4 uur per maand.',
      },
      'nl',
    );
    await createDeclaration(
      tx,
      now,
      staff,
      {
        kind: 'private_purchase',
        supplierId: s.vandam,
        date: addMonths(today, -3),
        amountEur: 4250,
        marketPrice: true,
        normalTerms: true,
        description: 'Warmtepomp voor mijn eigen woning.',
      },
      'nl',
    );
    await createDeclaration(
      tx,
      now,
      staff,
      {
        kind: 'gift',
        supplierId: s.jansen,
        valueEur: 35,
        form: 'goods',
        forWholeCompany: false,
        description: 'Fles wijn na de bouwvergadering',
        accepted: false,
      },
      'nl',
    );
  });
  return { password };
}
