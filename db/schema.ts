/**
 * The conflicts registry. Timestamps are ISO-8601 UTC strings; calendar dates (a purchase, the last business
 * date) are `YYYY-MM-DD` in Europe/Amsterdam. Money is stored in euro cents so that EUR 49.99 stays exact.
 * The tables live in db/schema/, one file per subject; drizzle-kit (drizzle.config.ts) and db/ read them here.
 */
export * from './schema/people.ts';
export * from './schema/sign-in.ts';
export * from './schema/suppliers.ts';
export * from './schema/negotiations.ts';
export * from './schema/declarations.ts';
export * from './schema/attestations.ts';
export * from './schema/settings.ts';
export * from './schema/audit.ts';
export * from './schema/mail.ts';
