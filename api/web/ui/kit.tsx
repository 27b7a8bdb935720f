/**
 * The pieces every page is made of: the CSRF field, search forms and their filters, list tables, pagination,
 * definition lists, empty states, dates, money and contacts (the form fields are in fields.tsx). Pico.css styles
 * them as they are; no classes needed.
 */
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { formatDate } from '../../../core/dates.ts';
import { formState } from '../form.ts';
import { useUi } from './context.ts';
import { Select } from './fields.tsx';

/** The session's CSRF token; every form that posts carries it. */
export const Csrf: FC = () => {
  const { csrf } = useUi();
  return csrf ? <input type="hidden" name="_csrf" value={csrf} /> : null;
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
