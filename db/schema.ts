/**
 * The conflicts registry. Timestamps are ISO-8601 UTC strings; calendar dates (a purchase, the last business
 * date) are `YYYY-MM-DD` in Europe/Amsterdam. Money is stored in euro cents so that EUR 49.99 stays exact.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { PolicyRules } from '../core/policy.ts';

const id = () => text('id').primaryKey();
const createdAt = () => text('created_at').notNull();
const updatedAt = () => text('updated_at').notNull();
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();

export const ROLE_VALUES = ['staff', 'purchaser', 'manager', 'admin'] as const;
export const SUPPLIER_STATUSES = ['prospect', 'contracted', 'former', 'archived'] as const;
export const STAGES = ['talks', 'tender', 'negotiation'] as const;
export const NEGOTIATION_STATUSES = ['open', 'awarded', 'closed'] as const;
export const DECLARATION_KINDS = [
  'relationship',
  'side_job',
  'financial_interest',
  'private_purchase',
  'gift',
  'invitation',
] as const;
export const DECLARATION_STATUSES = [
  'submitted',
  'needs_info',
  'acknowledged',
  'not_permitted',
  'not_relevant',
  'withdrawn',
  'ended',
] as const;
export const GIFT_FORMS = ['goods', 'money', 'voucher', 'meal', 'event', 'trip'] as const;
/** `scim`: for the identity provider's provisioning (SCIM 2.0 at /scim/v2), and nothing else. */
export const TOKEN_SCOPES = ['full', 'extension', 'scim'] as const;
export const LANGUAGES = ['nl', 'en'] as const;

export const people = sqliteTable(
  'people',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLE_VALUES }).notNull(),
    managerId: text('manager_id').references((): any => people.id, { onDelete: 'set null' }),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** The language of the mails they get; Dutch unless they choose English. */
    language: text('language', { enum: LANGUAGES }).notNull().default('nl'),
    /** A manager who chose one daily digest of new declarations to review instead of a mail for each. */
    reviewDigest: integer('review_digest', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('people_email').on(t.email), index('people_manager').on(t.managerId)],
);

export const passwords = sqliteTable('passwords', {
  personId: text('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  /** `scrypt$N$r$p$salt$hash`, base64 parts. */
  hash: text('hash').notNull(),
  updatedAt: updatedAt(),
});

export const tokens = sqliteTable(
  'tokens',
  {
    id: id(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scope: text('scope', { enum: TOKEN_SCOPES }).notNull(),
    /** SHA-256 of the token, hex; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: text('last_used_at'),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('tokens_hash').on(t.tokenHash), index('tokens_person').on(t.personId)],
);

/** Web UI sessions: the cookie holds a random id, the table only its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: id(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_hash').on(t.tokenHash), index('sessions_person').on(t.personId)],
);

export const suppliers = sqliteTable(
  'suppliers',
  {
    id: id(),
    name: text('name').notNull(),
    aliases: json<string[]>('aliases').notNull().default([]),
    kvk: json<string[]>('kvk').notNull().default([]),
    vat: json<string[]>('vat').notNull().default([]),
    domains: json<string[]>('domains').notNull().default([]),
    /** Whole e-mail addresses, for one-person businesses that mail from a free-mail domain. */
    emails: json<string[]>('emails').notNull().default([]),
    status: text('status', { enum: SUPPLIER_STATUSES }).notNull().default('prospect'),
    /** The date business last ran; a private purchase must be declared within the window after it. */
    lastBusinessDate: text('last_business_date'),
    notes: text('notes'),
    /** Set when this supplier was merged into another; merged suppliers are archived. */
    mergedInto: text('merged_into'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('suppliers_name').on(t.name), index('suppliers_status').on(t.status)],
);

/**
 * What a supplier search reads, one narrow row per supplier: the legal name and aliases in one text, separated by
 * SEARCH_SEPARATOR (one LIKE per row instead of a json_each over the aliases), and copies of what the list filters
 * and sorts by, so a search scans, counts and sorts this table alone and reads only its page's suppliers. Kept by
 * triggers on `suppliers` (migration 0007_supplier_search), so every writer (API, CLI, imports, a second process)
 * keeps it right without knowing it.
 */
export const supplierSearch = sqliteTable('supplier_search', {
  supplierId: text('supplier_id')
    .primaryKey()
    .references(() => suppliers.id, { onDelete: 'cascade' }),
  names: text('names').notNull(),
  name: text('name').notNull(),
  status: text('status', { enum: SUPPLIER_STATUSES }).notNull(),
  mergedInto: text('merged_into'),
});

/** Between the names in supplier_search.names: a control character no name contains. */
export const SEARCH_SEPARATOR = '\u001f';

/**
 * Each KvK and VAT number once, pointing at the supplier that holds it: the primary key makes a duplicate a
 * constraint violation and turns the uniqueness check of every insert into one index lookup.
 */
export const supplierNumbers = sqliteTable(
  'supplier_numbers',
  {
    kind: text('kind', { enum: ['kvk', 'vat'] }).notNull(),
    value: text('value').notNull(),
    supplierId: text('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.kind, t.value] }), index('supplier_numbers_supplier').on(t.supplierId)],
);

export const negotiations = sqliteTable(
  'negotiations',
  {
    id: id(),
    supplierId: text('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    reference: text('reference').notNull(),
    subject: text('subject').notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => people.id),
    stage: text('stage', { enum: STAGES }).notNull(),
    status: text('status', { enum: NEGOTIATION_STATUSES }).notNull().default('open'),
    openedOn: text('opened_on').notNull(),
    closedOn: text('closed_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('negotiations_supplier').on(t.supplierId),
    index('negotiations_owner').on(t.ownerId),
    index('negotiations_status').on(t.status),
  ],
);

export const recusals = sqliteTable(
  'recusals',
  {
    id: id(),
    negotiationId: text('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('recusals_person').on(t.negotiationId, t.personId)],
);

/**
 * Who works on a procurement. The owner is on it from the start; a member who is kept out (a recusal) leaves
 * it. `addedAt` matters: a member's declaration counts only when made after they were (last) added.
 */
export const negotiationTeam = sqliteTable(
  'negotiation_team',
  {
    negotiationId: text('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    addedBy: text('added_by').references(() => people.id, { onDelete: 'set null' }),
    addedAt: text('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.negotiationId, t.personId] }), index('negotiation_team_person').on(t.personId)],
);

/**
 * Each team member's per-negotiation declaration: no conflict with the supplier, or a conflict, with a note.
 * Rows are never changed: a member declares again, and the latest counts, so the history stays.
 */
export const teamDeclarations = sqliteTable(
  'team_declarations',
  {
    id: id(),
    negotiationId: text('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    conflict: integer('conflict', { mode: 'boolean' }).notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('team_declarations_member').on(t.negotiationId, t.personId), index('team_declarations_created').on(t.createdAt)],
);

export interface StoredVerdict {
  allowed: boolean;
  rule: string;
  message: string;
}

export const declarations = sqliteTable(
  'declarations',
  {
    id: id(),
    declarantId: text('declarant_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DECLARATION_KINDS }).notNull(),
    supplierId: text('supplier_id').references(() => suppliers.id),
    /** A supplier not (yet) in the registry, named by the declarant; the reviewer links or creates it. */
    supplierName: text('supplier_name'),
    /** A side job or financial interest at an organisation that is no supplier at all. */
    organisation: text('organisation'),
    relation: text('relation'),
    description: text('description'),
    /** private_purchase: the purchase date; gift/invitation: the date offered. */
    date: text('date'),
    amountCents: integer('amount_cents'),
    marketPrice: integer('market_price', { mode: 'boolean' }),
    normalTerms: integer('normal_terms', { mode: 'boolean' }),
    valueCents: integer('value_cents'),
    form: text('form', { enum: GIFT_FORMS }),
    forWholeCompany: integer('for_whole_company', { mode: 'boolean' }),
    days: integer('days'),
    accepted: integer('accepted', { mode: 'boolean' }),
    verdict: json<StoredVerdict>('verdict'),
    status: text('status', { enum: DECLARATION_STATUSES }).notNull().default('submitted'),
    reviewerId: text('reviewer_id').references(() => people.id, { onDelete: 'set null' }),
    decisionNote: text('decision_note'),
    decidedAt: text('decided_at'),
    /** When it was withdrawn, ended or judged not relevant: the retention period runs from here. */
    closedAt: text('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Covers the lists of one declarant and the review queue (their submitted ones), page and count, without
    // reading the rows (db/declarations.ts listDeclarations).
    index('declarations_declarant').on(t.declarantId, t.status, t.createdAt, t.id),
    index('declarations_supplier').on(t.supplierId),
    index('declarations_status').on(t.status),
  ],
);

/** One row per organisation (this deployment is one organisation: id `org`). */
export const policy = sqliteTable('policy', {
  id: id(),
  rules: json<PolicyRules>('rules').notNull(),
  updatedAt: updatedAt(),
});

/**
 * What provisioning (SCIM) knows of a person beyond the registry's own fields: the identity provider's user name
 * and external id (which it matches people by) and the name parts it sends, from which the person's name is made.
 * `deletedAt`: the provider deleted the user; the person stays, deactivated, for the audit trail.
 */
export const scimUsers = sqliteTable(
  'scim_users',
  {
    personId: text('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    userName: text('user_name').notNull(),
    externalId: text('external_id'),
    names: json<{ displayName?: string; givenName?: string; familyName?: string; formatted?: string }>('names').notNull().default({}),
    deletedAt: text('deleted_at'),
    updatedAt: updatedAt(),
  },
    // A deleted user's name may come back (a rehire): only live users' names are unique.
  (t) => [uniqueIndex('scim_users_user_name').on(sql`lower(${t.userName})`).where(sql`${t.deletedAt} is null`), index('scim_users_external_id').on(t.externalId)],
);

/**
 * Organisation-wide switches admins change in the web UI (one row, id `org`). `passwordSignIn` off hides the
 * password form, once single sign-on is set up, so that everyone signs in with their work account.
 */
export const settings = sqliteTable('settings', {
  id: id(),
  passwordSignIn: integer('password_sign_in', { mode: 'boolean' }).notNull().default(true),
  updatedAt: updatedAt(),
});

/**
 * Append-only and hash-chained: each row's hash covers its content and the previous row's hash, so an edit
 * behind the API's back breaks verification. Rows name fields, never values, so erasing a declaration keeps
 * the chain intact.
 */
export const audit = sqliteTable(
  'audit',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    fields: json<string[]>('fields').notNull().default(sql`'[]'`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId), index('audit_actor').on(t.actorId)],
);

/**
 * Every round of a declaration's review: each decision (with its note, a question when more information is
 * asked) and each edit by the declarant that sent it back. The declaration row holds only the latest state.
 */
export const declarationRounds = sqliteTable(
  'declaration_rounds',
  {
    id: id(),
    declarationId: text('declaration_id')
      .notNull()
      .references(() => declarations.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    actorId: text('actor_id').references(() => people.id, { onDelete: 'set null' }),
    /** `edited` for the declarant's edit, else the reviewer's decision. */
    action: text('action', { enum: ['edited', ...DECLARATION_STATUSES] }).notNull(),
    note: text('note'),
    /** edited: the names of the fields that changed. */
    fields: json<string[]>('fields').notNull().default([]),
  },
  (t) => [index('declaration_rounds_declaration').on(t.declarationId, t.at)],
);

/** A yearly attestation campaign: everyone active confirms their declarations are complete by the due date. */
export const attestationCampaigns = sqliteTable('attestation_campaigns', {
  id: id(),
  title: text('title').notNull(),
  /** `YYYY-MM-DD`, Europe/Amsterdam: overdue from the day after. */
  dueOn: text('due_on').notNull(),
  createdBy: text('created_by').references(() => people.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

export const ATTESTATION_STATUSES = ['open', 'confirmed'] as const;

export const attestations = sqliteTable(
  'attestations',
  {
    id: id(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => attestationCampaigns.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ATTESTATION_STATUSES }).notNull().default('open'),
    /** A nil return: the person had nothing to declare. */
    nothingToDeclare: integer('nothing_to_declare', { mode: 'boolean' }),
    stillCurrent: json<string[]>('still_current').notNull().default([]),
    ended: json<string[]>('ended').notNull().default([]),
    confirmedAt: text('confirmed_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('attestations_person').on(t.campaignId, t.personId), index('attestations_person_id').on(t.personId)],
);

/**
 * Mails to send, written in the transaction of the change that causes them and sent by the mail loop
 * (api/mail/), so a mail server that is down never fails or loses a write. Rows carry only what the template
 * needs (kind and supplier at most); `link` is a path under the registry's public URL.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: id(),
    recipient: text('recipient').notNull(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    template: text('template').notNull(),
    params: json<Record<string, string | number>>('params').notNull().default({}),
    link: text('link').notNull(),
    /** Makes a scheduled mail (a reminder, a digest) once per day or week however often the job runs. */
    dedupeKey: text('dedupe_key'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: text('next_attempt_at').notNull(),
    sentAt: text('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('outbox_dedupe').on(t.dedupeKey), index('outbox_due').on(t.sentAt, t.nextAttemptAt)],
);

export const FLAG_REPORT_REASONS = ['not_this_supplier', 'person'] as const;
export const FLAG_MATCH_KINDS = ['name', 'domain', 'email', 'kvk', 'vat'] as const;

/**
 * "Wrong flag?" from the extension's card: which registered name or identifier matched and on which site (host
 * name only), never the page's text. A manager resolves it, often by adjusting the supplier's aliases.
 */
export const flagReports = sqliteTable(
  'flag_reports',
  {
    id: id(),
    supplierId: text('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    personId: text('person_id').references(() => people.id, { onDelete: 'set null' }),
    /** The registered name or identifier the flag came from; null when the extension could not tell. */
    matched: text('matched'),
    kind: text('kind', { enum: FLAG_MATCH_KINDS }).notNull(),
    host: text('host').notNull(),
    reason: text('reason', { enum: FLAG_REPORT_REASONS }).notNull(),
    note: text('note'),
    createdAt: createdAt(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [index('flag_reports_supplier').on(t.supplierId, t.resolvedAt)],
);
