/**
 * The pieces every page is made of: labelled fields that show their error and keep what was typed, the CSRF
 * field, search forms and their filters, list tables, pagination, definition lists and empty states. Pico.css
 * styles them as they are; no classes needed.
 */
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { formatDate } from '../../../core/dates.ts';
import { formState, type FormState } from '../form.ts';
import { useUi } from './context.ts';

const idOf = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

/** The session's CSRF token; every form that posts carries it. */
export const Csrf: FC = () => {
  const { csrf } = useUi();
  return csrf ? <input type="hidden" name="_csrf" value={csrf} /> : null;
};

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

/** The error (or else the hint) under a field, tied to it with aria-describedby. */
function help(p: FieldProps) {
  const id = idOf(p.name);
  const error = p.form.errors[p.name];
  const text = error ?? p.hint;
  return {
    id,
    invalid: error ? ('true' as const) : undefined,
    describedBy: text ? `${id}-help` : undefined,
    node: text ? <small id={`${id}-help`}>{text}</small> : null,
  };
}

export const Field: FC<
  FieldProps & {
    type?: string;
    autocomplete?: string;
    inputmode?: 'decimal' | 'numeric' | 'email';
    step?: string;
    min?: string;
    max?: string;
  }
> = (p) => {
  const h = help(p);
  // A password is never sent back into the page, not even after a validation error.
  const value = p.type === 'password' ? undefined : (p.form.values[p.name] ?? '');
  return (
    <>
      <label for={h.id}>{p.label}</label>
      <input
        id={h.id}
        name={p.name}
        type={p.type ?? 'text'}
        value={value}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        step={p.step}
        min={p.min}
        max={p.max}
        aria-invalid={h.invalid}
        aria-describedby={h.describedBy}
      />
      {h.node}
    </>
  );
};

export const TextArea: FC<FieldProps & { rows?: number }> = (p) => {
  const h = help(p);
  return (
    <>
      <label for={h.id}>{p.label}</label>
      <textarea
        id={h.id}
        name={p.name}
        rows={p.rows ?? 3}
        required={p.required}
        aria-invalid={h.invalid}
        aria-describedby={h.describedBy}
      >
        {p.form.values[p.name] ?? ''}
      </textarea>
      {h.node}
    </>
  );
};

export const Select: FC<FieldProps & { options: [string, string][] }> = (p) => {
  const h = help(p);
  const selected = p.form.values[p.name] ?? '';
  return (
    <>
      <label for={h.id}>{p.label}</label>
      <select id={h.id} name={p.name} required={p.required} aria-invalid={h.invalid} aria-describedby={h.describedBy}>
        {p.options.map(([value, label]) => (
          <option value={value} selected={value === selected}>
            {label}
          </option>
        ))}
      </select>
      {h.node}
    </>
  );
};

export const Checkbox: FC<FieldProps> = (p) => {
  const h = help(p);
  return (
    <>
      <label>
        <input
          type="checkbox"
          name={p.name}
          value="on"
          checked={p.form.values[p.name] === 'on'}
          aria-invalid={h.invalid}
          aria-describedby={h.describedBy}
        />
        {p.label}
      </label>
      {h.node}
    </>
  );
};

/** A group of radio buttons; `options` may carry extra content (a supplier's KvK number) after the label. */
export const Radios: FC<FieldProps & { options: [string, Child][] }> = (p) => {
  const h = help(p);
  const selected = p.form.values[p.name] ?? '';
  return (
    <fieldset aria-describedby={h.describedBy}>
      <legend>{p.label}</legend>
      {p.options.map(([value, label]) => (
        <label>
          <input type="radio" name={p.name} value={value} checked={value === selected} aria-invalid={h.invalid} />
          {label}
        </label>
      ))}
      {h.node}
    </fieldset>
  );
};

/** Said once above a form that came back with errors, so a screen reader hears why. */
export const ErrorSummary: FC<{ form: FormState; message?: string }> = ({ form, message }) => {
  const { t } = useUi();
  if (!message && !Object.keys(form.errors).length) return null;
  return (
    <article role="alert">
      <p>{message ?? t.common.fixErrors}</p>
    </article>
  );
};

/** A GET form for searching and filtering a list; the server does the searching. */
export const SearchForm: FC<PropsWithChildren<{ action: string; q?: string; label: string }>> = ({
  action,
  q,
  label,
  children,
}) => {
  const { t } = useUi();
  return (
    <form method="get" action={action}>
      <div class="grid">
        <div>
          <label for="f-q">{label}</label>
          <input id="f-q" type="search" name="q" value={q ?? ''} />
        </div>
        {children}
      </div>
      <button type="submit" class="secondary">
        {t.common.search}
      </button>
    </form>
  );
};

/**
 * A SearchForm's filter: a select in its own grid cell whose empty first choice (`all`, else "All") means no
 * filter. Children share the cell.
 */
export function FilterSelect<T extends string>(
  p: PropsWithChildren<{
    name: string;
    label: string;
    value?: string;
    all?: string;
    values: readonly T[];
    labels: Record<T, string>;
  }>,
) {
  const { t } = useUi();
  const options = p.values.map((v): [string, string] => [v, p.labels[v]]);
  return (
    <div>
      <Select
        form={formState({ [p.name]: p.value ?? '' })}
        name={p.name}
        label={p.label}
        options={[['', p.all ?? t.common.all], ...options]}
      />
      {p.children}
    </div>
  );
}

/** Previous/next links that keep the search and filters of the current address. */
export const Pagination: FC<{ page: number; pageSize: number; total: number }> = ({ page, pageSize, total }) => {
  const { t, here } = useUi();
  if (total <= pageSize && page === 1) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (p: number) => {
    const url = new URL(here, 'http://x');
    url.searchParams.set('page', String(p));
    return url.pathname + url.search;
  };
  const from = Math.min(total, (page - 1) * pageSize + 1);
  const to = Math.min(total, page * pageSize);
  return (
    <nav aria-label={t.common.pagination}>
      <ul>
        <li>{t.common.range(from, to, total)}</li>
      </ul>
      <ul>
        {page > 1 && (
          <li>
            <a href={link(page - 1)} rel="prev">
              {t.common.previous}
            </a>
          </li>
        )}
        {page < pages && (
          <li>
            <a href={link(page + 1)} rel="next">
              {t.common.next}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
};

/** Labelled values as a definition list; a row that is false, null or undefined is left out. */
export const Facts: FC<{ rows: ([label: string, value: Child] | false | null | undefined)[] }> = ({ rows }) => (
  <dl>
    {rows.map(
      (row) =>
        row && (
          <>
            <dt>
              <strong>{row[0]}</strong>
            </dt>
            <dd>{row[1]}</dd>
          </>
        ),
    )}
  </dl>
);

/** What an empty list says: what to do next. */
export const Empty: FC<PropsWithChildren> = ({ children }) => (
  <article>
    <p>{children}</p>
  </article>
);

/**
 * A list as a table that scrolls sideways on a narrow screen, headed by `cols`; each page writes its own rows.
 * Given `empty`, a list without items says that instead of showing an empty table.
 */
export function ListTable<T>({
  cols,
  items,
  row,
  empty,
}: {
  cols: string[];
  items: readonly T[];
  row: (item: T) => Child;
  empty?: Child;
}) {
  if (!items.length && empty !== undefined) return <Empty>{empty}</Empty>;
  return (
    <div class="overflow-auto">
      <table>
        <thead>
          <tr>
            {cols.map((col) => (
              <th scope="col">{col}</th>
            ))}
          </tr>
        </thead>
        <tbody>{items.map(row)}</tbody>
      </table>
    </div>
  );
}

export const DateText: FC<{ value: string | null | undefined }> = ({ value }) => {
  const { lang, t } = useUi();
  return value ? <time datetime={value}>{formatDate(value, lang)}</time> : <>{t.common.none}</>;
};

const dateTime = {
  nl: new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'medium' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'medium' }),
};
/** An instant to the second, in Amsterdam time (the audit trail). */
export const DateTimeText: FC<{ value: string }> = ({ value }) => {
  const { lang } = useUi();
  return <time datetime={value}>{dateTime[lang].format(new Date(value))}</time>;
};

const euro = {
  nl: new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};
export const Money: FC<{ value: number | null | undefined }> = ({ value }) => {
  const { lang, t } = useUi();
  return <>{value == null ? t.common.none : euro[lang].format(value)}</>;
};

/** A contact that may be an e-mail address or a web address; anything else stays plain text. */
export const Contact: FC<{ value: string }> = ({ value }) => {
  if (/^https?:\/\/\S+$/i.test(value)) return <a href={value}>{value}</a>;
  if (/^[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}$/i.test(value)) return <a href={`mailto:${value}`}>{value}</a>;
  return <>{value}</>;
};
