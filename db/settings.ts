/** Organisation-wide switches (one row): for now whether the password form is offered beside single sign-on. */
import { eq } from 'drizzle-orm';
import { appendAudit } from './audit.ts';
import type { Tx } from './client.ts';
import { settings } from './schema.ts';

const ORG = 'org';

export interface Settings {
  passwordSignIn: boolean;
}

const DEFAULTS: Settings = { passwordSignIn: true };

export async function getSettings(db: Tx): Promise<Settings> {
  const [row] = await db.select({ passwordSignIn: settings.passwordSignIn }).from(settings).where(eq(settings.id, ORG));
  return row ?? DEFAULTS;
}

export async function setSettings(
  tx: Tx,
  now: Date,
  actorId: string | null,
  changes: Partial<Settings>,
): Promise<Settings> {
  const before = await getSettings(tx);
  const next = { ...before, ...changes };
  const fields = (Object.keys(next) as (keyof Settings)[]).filter((k) => next[k] !== before[k]);
  if (!fields.length) return before;
  const at = now.toISOString();
  await tx
    .insert(settings)
    .values({ id: ORG, ...next, updatedAt: at })
    .onConflictDoUpdate({ target: settings.id, set: { ...next, updatedAt: at } });
  await appendAudit(tx, now, { actorId, action: 'settings.update', entity: 'settings', entityId: ORG, fields });
  return next;
}
