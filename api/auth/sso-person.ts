/**
 * Who a work account is in the registry: matched by e-mail address (the registry's unique key). Someone unknown is
 * refused, or created as staff without a manager when just-in-time creation is on; a deactivated person is refused
 * either way, so the identity provider cannot bring back someone an admin (or provisioning) switched off.
 */
import type { Db } from '../../db/client.ts';
import { createPerson, findPersonByEmail, type Person } from '../../db/people.ts';
import { writeTx } from '../../db/write.ts';

export type SsoPerson =
  { ok: true; person: Person; created: boolean } | { ok: false; reason: 'unknown' | 'inactive'; email: string };

export async function personForWorkAccount(
  db: Db,
  now: Date,
  claims: { email: string; name?: string },
  createPeople: boolean,
): Promise<SsoPerson> {
  const known = await findPersonByEmail(db, claims.email);
  if (known)
    return known.active
      ? { ok: true, person: known, created: false }
      : { ok: false, reason: 'inactive', email: known.email };
  if (!createPeople) return { ok: false, reason: 'unknown', email: claims.email.trim().toLowerCase() };
  const name = (claims.name ?? claims.email.split('@')[0]).slice(0, 200);
  // The system creates them (actor null), on the provider's word; the audit row says so.
  const person = await writeTx(db, (tx) =>
    createPerson(tx, now, null, { email: claims.email, name, role: 'staff', managerId: null }),
  );
  return { ok: true, person, created: true };
}
