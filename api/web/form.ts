/**
 * From HTML forms to the API's zod schemas and back: form fields arrive as strings, the schemas want numbers,
 * booleans and lists; their issues become one translated message per field, and what was typed is kept.
 */
import type { z } from 'zod';
import { DomainError, invalidInput } from '../../core/errors.ts';
import type { WebContext } from './env.ts';
import type { Dict } from './text/index.ts';

export type Values = Record<string, string>;
type Errors = Record<string, string>;

/** What a form shows: the values as typed and an error per field name. */
export interface FormState {
  values: Values;
  errors: Errors;
}

export const formState = (values: Values = {}, errors: Errors = {}): FormState => ({ values, errors });

/** The posted fields (urlencoded or multipart); uploaded files separately. */
export async function readForm(c: WebContext): Promise<{ values: Values; files: Record<string, File> }> {
  let body: Record<string, unknown>;
  try {
    // Hono caches the parsed body, so the CSRF check and the handler read it once.
    body = await c.req.parseBody();
  } catch {
    throw invalidInput('The form could not be read.');
  }
  const values: Values = {};
  const files: Record<string, File> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') values[key] = value;
    else if (value instanceof File) files[key] = value;
  }
  return { values, files };
}

// ---- Field conversions: an empty field is "not given", never an empty string or zero ----

export const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
/** What was typed into a search field, trimmed and cut to 200 characters; a blank field is no search. */
export const searchTerm = (v: string | undefined) => text(v)?.slice(0, 200);
/** Dutch people type 12,50. */
export const number = (v: string | undefined) => (v?.trim() ? Number(v.trim().replace(',', '.')) : undefined);

/**
 * An amount in euros as people type it, in Dutch or English: `€ 1.250,50`, `1,250.50`, `25,-`. A `.` or `,` before
 * the last three digits groups thousands, as it does in `1.250`, which must not become 1.25 under a gift limit;
 * any other last mark is the decimal one. What fits neither is no number, for the schema to refuse.
 */
export function euros(v: string | undefined): number | undefined {
  const typed = v?.replace(/€|euros?|eur|\s/gi, '').replace(/[.,]-$/, '');
  if (!typed) return undefined;
  if (!/^-?[\d.,]+$/.test(typed)) return Number.NaN;
  const mark = Math.max(typed.lastIndexOf('.'), typed.lastIndexOf(','));
  const decimal = mark >= 0 && typed.length - mark - 1 !== 3 ? mark : -1;
  const whole = decimal >= 0 ? typed.slice(0, decimal) : typed;
  if (/[.,]/.test(whole) && !/^-?[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*$/.test(whole)) return Number.NaN;
  if (decimal >= 0 && whole.includes(typed[decimal])) return Number.NaN;
  const digits = whole.replace(/[.,]/g, '');
  return Number(decimal >= 0 ? `${digits}.${typed.slice(decimal + 1)}` : digits);
}

export const checked = (v: string | undefined) => v === 'on';
/** One item per line (names may hold commas); identifiers may also be separated by commas or semicolons. */
export const lines = (v: string | undefined, separators = /\r?\n/) =>
  (v ?? '')
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
export const identifiers = (v: string | undefined) => lines(v, /[\r\n,;]+/);

// ---- Errors ----

function issueText(issue: z.core.$ZodIssue, field: string, t: Dict): string {
  const specific = t.errors.field[field];
  const missing = 'input' in issue && (issue.input === undefined || issue.input === '');
  switch (issue.code) {
    case 'invalid_type':
      return missing
        ? t.errors.required
        : issue.expected === 'number'
          ? t.errors.number
          : (specific ?? t.errors.invalid);
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? t.errors.required : t.errors.minLength(Number(issue.minimum));
      if (issue.origin === 'number') return t.errors.min(Number(issue.minimum));
      return t.errors.invalid;
    case 'too_big':
      if (issue.origin === 'string') return t.errors.maxLength(Number(issue.maximum));
      if (issue.origin === 'number') return t.errors.max(Number(issue.maximum));
      return t.errors.tooMany(Number(issue.maximum));
    case 'invalid_value':
      return t.errors.choose;
    case 'invalid_format':
      return issue.format === 'email' ? t.errors.email : (specific ?? t.errors.invalid);
    case 'custom':
      // A free-mail supplier domain: the schema names the domain, this says it in the person's language.
      return typeof issue.params?.freeMail === 'string'
        ? t.errors.freeMail(issue.params.freeMail)
        : (specific ?? t.errors.invalid);
    default:
      return specific ?? t.errors.invalid;
  }
}

/** Parses `input` with `schema`; on failure, one translated message per field (list items report on their list). */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  t: Dict,
): { data: z.output<S> } | { errors: Errors } {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { data: result.data };
  const errors: Errors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.filter((p) => typeof p === 'string').join('.') || '_form';
    errors[field] ??= issueText(issue, field, t);
  }
  return { errors };
}

/**
 * The field errors an expected failure of the registry carries (a duplicate KvK number, an unknown manager), or
 * undefined when it concerns no field: then the error page explains it.
 */
function fieldErrorsOf(err: unknown, t: Dict): Errors | undefined {
  if (!(err instanceof DomainError) || (err.kind !== 'invalid' && err.kind !== 'conflict')) return undefined;
  const details = (err.details ?? {}) as { field?: unknown; fields?: { field: string }[] };
  if (typeof details.field === 'string')
    return { [details.field]: t.errors.conflict[details.field] ?? t.errors.field[details.field] ?? err.message };
  if (Array.isArray(details.fields))
    return Object.fromEntries(details.fields.map((f) => [f.field, t.errors.field[f.field] ?? t.errors.invalid]));
  return undefined;
}

/**
 * Runs a registry write the way `parseWith` checks input: the result, or the field errors of an expected failure
 * (a duplicate KvK number, an unknown manager) for the form to show. Anything else is thrown to the error page.
 */
export async function writeWith<T>(run: () => Promise<T>, t: Dict): Promise<{ data: T } | { errors: Errors }> {
  try {
    return { data: await run() };
  } catch (err) {
    const errors = fieldErrorsOf(err, t);
    if (!errors) throw err;
    return { errors };
  }
}

// ---- Lists: every list pages and searches on the server ----

const PAGE_SIZE = 25;

export function readPaging(c: WebContext, pageSize = PAGE_SIZE) {
  const page = Math.min(Math.max(Number.parseInt(c.req.query('page') ?? '1', 10) || 1, 1), 1_000_000);
  const q = searchTerm(c.req.query('q'));
  return { page, q, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

/**
 * What a search found, with the item chosen before in front when this search did not find it: a choice survives
 * a new search and a refused post. A chosen id that no longer loads is left out.
 */
export async function withChosen<T extends { id: string }>(
  found: T[],
  chosen: string | undefined,
  load: (id: string) => Promise<T>,
): Promise<T[]> {
  if (!chosen || found.some((x) => x.id === chosen)) return found;
  const item = await load(chosen).catch(() => undefined);
  return item ? [item, ...found] : found;
}

/** A query parameter restricted to known values; anything else counts as not given. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}
