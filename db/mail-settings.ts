/** Each person's mail choices: the language of their mails, and (managers) one daily digest of reviews. */
import { eq } from 'drizzle-orm';
import { notFound } from '../core/errors.ts';
import type { Lang } from '../core/types.ts';
import { appendAudit } from './audit.ts';
import type { Tx } from './client.ts';
import { people } from './schema.ts';

export interface MailSettings {
  language: Lang;
  reviewDigest: boolean;
}

export async function getMailSettings(db: Tx, personId: string): Promise<MailSettings> {
  const [row] = await db
    .select({ language: people.language, reviewDigest: people.reviewDigest })
    .from(people)
    .where(eq(people.id, personId));
  if (!row) throw notFound('Person');
  return row;
}

export async function setMailSettings(
  tx: Tx,
  now: Date,
  personId: string,
  changes: Partial<MailSettings>,
): Promise<MailSettings> {
  const before = await getMailSettings(tx, personId);
  const fields = (Object.keys(changes) as (keyof MailSettings)[]).filter(
    (k) => changes[k] !== undefined && changes[k] !== before[k],
  );
  if (!fields.length) return before;
  await tx
    .update(people)
    .set({ ...changes, updatedAt: now.toISOString() })
    .where(eq(people.id, personId));
  await appendAudit(tx, now, {
    actorId: personId,
    action: 'person.mail_settings',
    entity: 'person',
    entityId: personId,
    fields,
  });
  return { ...before, ...changes };
}
