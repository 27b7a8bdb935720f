/**
 * The yearly attestation: an admin starts a campaign with a due date, every active person gets an attestation
 * (people added while it runs too), and confirms each live relationship, side job and interest as still current
 * or ends it, then "I have declared everything" or a nil return. Managers follow their own people, admins all.
 */
import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { amsterdamDate } from '../core/dates.ts';
import { checkFollowsCampaigns, followsEveryone, type Actor } from '../core/access.ts';
import { conflict, invalidInput, notFound } from '../core/errors.ts';
import { LIVE_STATUSES, RELATED_KINDS, type DeclarationKind, type DeclarationStatus } from '../core/vocabulary.ts';
import { closeDeclaration, presentDeclaration } from './declarations.ts';
import { appendAudit } from './audit.ts';
import type { Db, Tx } from './client.ts';
import { enqueueMail } from './outbox.ts';
import { attestationCampaigns, attestations, declarations, people, suppliers } from './schema.ts';

export type CampaignRow = typeof attestationCampaigns.$inferSelect;
export type AttestationRow = typeof attestations.$inferSelect;

const campaignMail = (c: CampaignRow) => ({
  template: 'campaign_started' as const,
  link: '/attestations',
  params: { title: c.title, dueOn: c.dueOn },
});

export async function startCampaign(
  tx: Tx,
  now: Date,
  actorId: string,
  input: { title: string; dueOn: string },
): Promise<CampaignRow & { people: number }> {
  if (input.dueOn < amsterdamDate(now))
    throw invalidInput('The due date cannot be in the past.', {
      fields: [{ field: 'dueOn', message: 'cannot be in the past' }],
    });
  const at = now.toISOString();
  const [campaign] = await tx
    .insert(attestationCampaigns)
    .values({ id: randomUUID(), title: input.title, dueOn: input.dueOn, createdBy: actorId, createdAt: at })
    .returning();
  const active = await tx.select({ id: people.id }).from(people).where(eq(people.active, true));
  for (const p of active)
    await tx.insert(attestations).values({ id: randomUUID(), campaignId: campaign.id, personId: p.id, createdAt: at });
  await appendAudit(tx, now, {
    actorId,
    action: 'campaign.create',
    entity: 'campaign',
    entityId: campaign.id,
    fields: ['title', 'dueOn'],
  });
  await enqueueMail(
    tx,
    now,
    active.map((p) => p.id),
    campaignMail(campaign),
  );
  return { ...campaign, people: active.length };
}

/** Someone who joins (or returns) while campaigns run gets an attestation in each, and its mail. */
export async function attestNewPerson(tx: Tx, now: Date, personId: string): Promise<void> {
  const running = await tx
    .select()
    .from(attestationCampaigns)
    .where(gte(attestationCampaigns.dueOn, amsterdamDate(now)));
  for (const campaign of running) {
    const added = await tx
      .insert(attestations)
      .values({ id: randomUUID(), campaignId: campaign.id, personId, createdAt: now.toISOString() })
      .onConflictDoNothing()
      .returning({ id: attestations.id });
    if (added.length) await enqueueMail(tx, now, [personId], campaignMail(campaign));
  }
}

/** A person's live relationships, side jobs and interests: what an attestation lists to confirm or end. */
async function liveRelated(db: Tx, personId: string) {
  const rows = await db
    .select({ declaration: declarations, registeredName: suppliers.name })
    .from(declarations)
    .leftJoin(suppliers, eq(declarations.supplierId, suppliers.id))
    .where(
      and(
        eq(declarations.declarantId, personId),
        inArray(declarations.kind, [...RELATED_KINDS] as DeclarationKind[]),
        inArray(declarations.status, [...LIVE_STATUSES] as DeclarationStatus[]),
      ),
    )
    .orderBy(asc(declarations.createdAt));
  return rows.map((r) => presentDeclaration(r.declaration, { supplierName: r.registeredName }));
}

const isOverdue = (a: { status: string }, dueOn: string, today: string) => a.status === 'open' && today > dueOn;

export async function myAttestations(db: Db, personId: string, now: Date) {
  const today = amsterdamDate(now);
  const rows = await db
    .select({ a: attestations, c: attestationCampaigns })
    .from(attestations)
    .innerJoin(attestationCampaigns, eq(attestations.campaignId, attestationCampaigns.id))
    .where(eq(attestations.personId, personId))
    .orderBy(desc(attestationCampaigns.dueOn));
  const live = await liveRelated(db, personId);
  return rows.map(({ a, c }) => ({
    id: a.id,
    campaignId: c.id,
    title: c.title,
    dueOn: c.dueOn,
    status: a.status,
    overdue: isOverdue(a, c.dueOn, today),
    nothingToDeclare: a.nothingToDeclare,
    confirmedAt: a.confirmedAt,
    // An open attestation lists what is live now; a confirmed one, what its person confirmed then.
    declarations: a.status === 'open' ? live : live.filter((d) => a.stillCurrent.includes(d.id)),
  }));
}

export interface Confirmation {
  nothingToDeclare: boolean;
  stillCurrent?: string[];
  ended?: string[];
}

/**
 * Confirms an attestation: every listed declaration must be named still current or ended (ended ones are ended
 * here), and a nil return cannot keep any current.
 */
export async function confirmAttestation(
  tx: Tx,
  now: Date,
  actor: Actor,
  id: string,
  input: Confirmation,
): Promise<AttestationRow> {
  const [row] = await tx.select().from(attestations).where(eq(attestations.id, id));
  if (!row || row.personId !== actor.id) throw notFound('Attestation');
  if (row.status === 'confirmed') throw conflict('This attestation is already confirmed.', { status: row.status });
  const stillCurrent = [...new Set(input.stillCurrent ?? [])];
  const ended = [...new Set(input.ended ?? [])];
  const listed = new Set((await liveRelated(tx, actor.id)).map((d) => d.id));
  const fields: { field: string; message: string }[] = [];
  const unknown = [...stillCurrent, ...ended].filter((d) => !listed.has(d));
  if (unknown.length)
    fields.push({ field: 'stillCurrent', message: `not among your live declarations: ${unknown.join(', ')}` });
  if (stillCurrent.some((d) => ended.includes(d)))
    fields.push({ field: 'ended', message: 'a declaration cannot be both still current and ended' });
  const missing = [...listed].filter((d) => !stillCurrent.includes(d) && !ended.includes(d));
  if (missing.length)
    fields.push({
      field: 'stillCurrent',
      message: `say for each live declaration whether it is still current or ended: ${missing.join(', ')}`,
    });
  if (input.nothingToDeclare && stillCurrent.length)
    fields.push({ field: 'nothingToDeclare', message: 'a nil return cannot keep declarations current' });
  if (fields.length) throw invalidInput(`Invalid body: ${fields.map((f) => f.field).join(', ')}.`, { fields });
  for (const declarationId of ended) await closeDeclaration(tx, now, actor, declarationId, 'end');
  const [updated] = await tx
    .update(attestations)
    .set({
      status: 'confirmed',
      nothingToDeclare: input.nothingToDeclare,
      stillCurrent,
      ended,
      confirmedAt: now.toISOString(),
    })
    .where(eq(attestations.id, id))
    .returning();
  await appendAudit(tx, now, {
    actorId: actor.id,
    action: 'attestation.confirm',
    entity: 'attestation',
    entityId: id,
    fields: ['status', 'nothingToDeclare', 'stillCurrent', 'ended'],
  });
  return updated;
}

export async function listCampaigns(db: Db): Promise<CampaignRow[]> {
  return db
    .select()
    .from(attestationCampaigns)
    .orderBy(desc(attestationCampaigns.dueOn), desc(attestationCampaigns.createdAt));
}

/** A campaign's progress over the people `actor` follows: their own people for a manager, everyone for an admin. */
export async function campaignProgress(db: Db, actor: Actor, id: string, now: Date) {
  checkFollowsCampaigns(actor);
  const [campaign] = await db.select().from(attestationCampaigns).where(eq(attestationCampaigns.id, id));
  if (!campaign) throw notFound('Campaign');
  const today = amsterdamDate(now);
  const rows = await db
    .select({ a: attestations, name: people.name, email: people.email, managerId: people.managerId })
    .from(attestations)
    .innerJoin(people, eq(attestations.personId, people.id))
    // Someone who left since is no longer anyone's to follow up.
    .where(
      and(
        eq(attestations.campaignId, id),
        eq(people.active, true),
        followsEveryone(actor) ? undefined : eq(people.managerId, actor.id),
      ),
    )
    .orderBy(asc(people.name));
  const list = rows.map(({ a, name, email }) => ({
    attestationId: a.id,
    personId: a.personId,
    name,
    email,
    status: a.status,
    overdue: isOverdue(a, campaign.dueOn, today),
    nothingToDeclare: a.nothingToDeclare,
    confirmedAt: a.confirmedAt,
  }));
  const confirmed = list.filter((p) => p.status === 'confirmed').length;
  return {
    ...campaign,
    confirmed,
    // Open counts everyone not yet confirmed; overdue is the part of them past the due date.
    open: list.length - confirmed,
    overdue: list.filter((p) => p.overdue).length,
    people: list,
  };
}
