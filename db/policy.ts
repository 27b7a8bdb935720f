/** The organisation's policy: one row, seeded from a preset code, edited by admins. */
import { eq } from 'drizzle-orm';
import { PRESETS, type PolicyRules } from '../core/policy.ts';
import { appendAudit } from './audit.ts';
import type { Tx } from './client.ts';
import { policy } from './schema.ts';

const ORG = 'org';

export async function getPolicy(db: Tx): Promise<PolicyRules> {
  const [row] = await db.select().from(policy).where(eq(policy.id, ORG));
  return row?.rules ?? PRESETS.samenwerking;
}

export async function setPolicy(tx: Tx, now: Date, actorId: string | null, rules: PolicyRules): Promise<PolicyRules> {
  const before = await getPolicy(tx);
  const at = now.toISOString();
  await tx
    .insert(policy)
    .values({ id: ORG, rules, updatedAt: at })
    .onConflictDoUpdate({ target: policy.id, set: { rules, updatedAt: at } });
  const fields = (Object.keys(rules) as (keyof PolicyRules)[]).filter(
    (k) => JSON.stringify(rules[k]) !== JSON.stringify(before[k]),
  );
  await appendAudit(tx, now, { actorId, action: 'policy.update', entity: 'policy', entityId: ORG, fields });
  return rules;
}
