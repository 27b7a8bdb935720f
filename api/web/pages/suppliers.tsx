/**
 * Suppliers: everyone searches them and sees one supplier's conflicts as their role may (a purchaser before
 * inviting it to tender); managers add, edit, archive and merge them.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { Conflict } from '../../../core/types.ts';
import { SUPPLIER_STATUSES } from '../../../core/vocabulary.ts';
import { flagReportsOf, type FlagReportView } from '../../../db/flag-reports.ts';
import { listSuppliers } from '../../../db/supplier-list.ts';
import {
  createSupplier,
  freeMailDomainsOf,
  getSupplier,
  mergeSupplier,
  updateSupplier,
  type Supplier,
} from '../../../db/suppliers.ts';
import { writeTx } from '../../../db/write.ts';
import { now } from '../../http.ts';
import { supplierCreate, supplierPatch } from '../../schemas/suppliers.ts';
import { conflictsSeenBy, flashOf, MANAGERS, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import { formState, oneOf, parseWith, readForm, readPaging, searchTerm, type FormState, writeWith } from '../form.ts';
import { textFor } from '../text/index.ts';
import { ConflictList } from '../ui/conflicts.tsx';
import { useUi } from '../ui/context.ts';
import { FlagReportList } from '../ui/flag-reports.tsx';
import { Csrf, DateText, Facts, FilterSelect, ListTable, Pagination, SearchForm } from '../ui/kit.tsx';
import { NameRuleList } from '../ui/name-rules.tsx';
import { renderPage } from '../ui/layout.tsx';
import { SupplierForm, supplierInput, supplierValues } from '../ui/supplier-form.tsx';
import { findSuppliers, SupplierName } from '../ui/supplier-pick.tsx';

const SupplierList: FC<{
  items: Supplier[];
  total: number;
  page: number;
  pageSize: number;
  q?: string;
  status?: string;
}> = (p) => {
  const { t, person } = useUi();
  const manager = MANAGERS.includes(person!.role);
  const cols = t.suppliers.cols;
  return (
    <>
      {manager && (
        <p>
          <a href="/suppliers/new" role="button">
            {t.suppliers.new}
          </a>{' '}
          <a href="/suppliers/import" role="button" class="secondary">
            {t.suppliers.import}
          </a>{' '}
          <a href="/suppliers/export" role="button" class="secondary outline" download>
            {t.suppliers.export}
          </a>
        </p>
      )}
      <SearchForm action="/suppliers" q={p.q} label={t.suppliers.searchLabel}>
        <FilterSelect
          name="status"
          label={t.suppliers.statusFilter}
          value={p.status}
          all={t.suppliers.allActive}
          values={SUPPLIER_STATUSES}
          labels={t.enums.supplierStatus}
        />
      </SearchForm>
      <ListTable
        cols={[cols.name, cols.kvk, cols.domains, cols.status]}
        items={p.items}
        empty={manager && !p.q && !p.status ? t.suppliers.empty : t.suppliers.emptySearch}
        row={(s) => (
          <tr>
            <td>
              <a href={`/suppliers/${s.id}`}>{s.name}</a>
            </td>
            <td>{s.kvk.join(', ')}</td>
            <td>{s.domains.join(', ')}</td>
            <td>{t.enums.supplierStatus[s.status]}</td>
          </tr>
        )}
      />
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} />
    </>
  );
};

interface DetailProps {
  s: Supplier;
  conflicts: Conflict[];
  /** Managers only: the "wrong flag?" reports on this supplier. */
  reports?: FlagReportView[];
  form?: FormState;
  merge?: { q: string; candidates: Supplier[]; form: FormState };
}

const ManagerForms: FC<DetailProps> = ({ s, form, merge, reports }) => {
  const { t } = useUi();
  return (
    <>
      <FlagReportList supplierId={s.id} reports={reports ?? []} />
      <section aria-labelledby="edit-title">
        <h2 id="edit-title">{t.suppliers.editTitle}</h2>
        <SupplierForm
          form={form ?? formState(supplierValues(s))}
          action={`/suppliers/${s.id}`}
          submit={t.common.save}
        />
      </section>
      {s.status !== 'archived' && (
        <section aria-labelledby="archive-title">
          <h2 id="archive-title">{t.suppliers.archive}</h2>
          <form method="post" action={`/suppliers/${s.id}/archive`}>
            <Csrf />
            <p>{t.suppliers.archiveHelp}</p>
            <button type="submit" class="secondary">
              {t.suppliers.archive}
            </button>
          </form>
        </section>
      )}
      <section aria-labelledby="merge-title">
        <h2 id="merge-title">{t.suppliers.mergeTitle}</h2>
        <p>{t.suppliers.mergeHelp}</p>
        <form method="get" action={`/suppliers/${s.id}`}>
          <label for="f-merge">{t.suppliers.mergeSearch}</label>
          <div role="group">
            <input id="f-merge" type="search" name="merge" value={merge?.q ?? ''} />
            <button type="submit" class="secondary">
              {t.common.search}
            </button>
          </div>
        </form>
        {merge && (
          <form method="post" action={`/suppliers/${s.id}/merge`}>
            <Csrf />
            <fieldset aria-describedby={merge.form.errors.into ? 'merge-error' : undefined}>
              <legend>{t.suppliers.mergeInto}</legend>
              {merge.candidates.map((c) => (
                <label>
                  <input type="radio" name="into" value={c.id} checked={merge.form.values.into === c.id} />
                  <SupplierName s={c} />
                </label>
              ))}
              {merge.form.errors.into && <small id="merge-error">{merge.form.errors.into}</small>}
            </fieldset>
            {merge.candidates.length ? (
              <button type="submit" class="secondary">
                {t.suppliers.merge}
              </button>
            ) : (
              <p>{t.suppliers.emptySearch}</p>
            )}
          </form>
        )}
      </section>
    </>
  );
};

const SupplierDetail: FC<DetailProps> = (p) => {
  const { t, person } = useUi();
  const { s } = p;
  const role = person!.role;
  const manager = MANAGERS.includes(role);
  const none = t.common.none;
  const freeMail = manager ? freeMailDomainsOf(s) : [];
  return (
    <>
      {freeMail.length > 0 && (
        <article role="alert" id="free-mail">
          <p>
            <strong>{t.suppliers.freeMailTitle}</strong>
          </p>
          <p>{t.suppliers.freeMailText(freeMail.join(', '))}</p>
        </article>
      )}
      {s.mergedInto && (
        <article>
          <p>
            {t.suppliers.mergedInto} <a href={`/suppliers/${s.mergedInto}`}>{t.suppliers.openMerged}</a>
          </p>
        </article>
      )}
      <Facts
        rows={[
          [t.suppliers.aliases, s.aliases.join(', ') || none],
          [t.suppliers.nameRules, <NameRuleList names={[s.name, ...s.aliases]} />],
          [t.suppliers.kvk, s.kvk.join(', ') || none],
          [t.suppliers.domains, s.domains.join(', ') || none],
          [t.suppliers.emails, s.emails.join(', ') || none],
          [t.suppliers.status, t.enums.supplierStatus[s.status]],
          [t.suppliers.vat, s.vat.join(', ') || none],
          // Whether the corporation did business with it lately is what a private purchase there turns on.
          // DateText itself shows "none" when there is no date.
          [t.suppliers.lastBusiness, <DateText value={s.lastBusinessDate} />],
          manager && [t.suppliers.notes, s.notes || none],
        ]}
      />
      <section aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">{t.suppliers.conflicts}</h2>
        <p>{t.suppliers.conflictsIntro}</p>
        <ConflictList conflicts={p.conflicts} />
        <p>
          <a href={`/declare?kind=gift&supplier=${s.id}`}>{t.suppliers.declareGift}</a> ·{' '}
          <a href={`/declare?kind=relationship&supplier=${s.id}`}>{t.suppliers.declareRelationship}</a>
          {role !== 'staff' && !s.mergedInto && (
            <>
              {' '}
              · <a href={`/negotiations/new?supplier=${s.id}`}>{t.negotiations.newTitle}</a>
            </>
          )}
        </p>
      </section>
      {manager && !s.mergedInto && <ManagerForms {...p} />}
    </>
  );
};

/** One supplier page; a refused edit or merge comes back in `view` with its errors. */
async function supplierPage(c: WebContext, id: string, view: { form?: FormState; mergeForm?: FormState } = {}) {
  const { db } = c.var.deps;
  const t = textFor(c.var.lang);
  const s = await getSupplier(db, id);
  const conflicts = (await conflictsSeenBy(c))(s.id);
  const q = searchTerm(c.req.query('merge'));
  const manager = MANAGERS.includes(c.var.caller.person.role);
  const reports = manager ? await flagReportsOf(db, { supplierId: s.id, limit: 100, offset: 0 }) : undefined;
  const merge =
    manager && (q || view.mergeForm)
      ? {
          q: q ?? '',
          candidates: (await findSuppliers(db, q)).filter((x) => x.id !== s.id),
          form: view.mergeForm ?? formState(),
        }
      : undefined;
  return renderPage(
    c,
    { title: s.name, flash: flashOf(c, t.suppliers.flash), status: view.form || view.mergeForm ? 400 : 200 },
    <SupplierDetail s={s} conflicts={conflicts} reports={reports} form={view.form} merge={merge} />,
  );
}

export const supplierPages = new Hono<WebEnv>()
  .get('/suppliers', page('Search suppliers by name, trade name or KvK number', 'any'), async (c) => {
    const t = textFor(c.var.lang);
    const paging = readPaging(c);
    const status = oneOf(c.req.query('status'), SUPPLIER_STATUSES);
    const { items, total } = await listSuppliers(c.var.deps.db, {
      q: paging.q,
      status,
      limit: paging.limit,
      offset: paging.offset,
    });
    return renderPage(
      c,
      { title: t.suppliers.title },
      <SupplierList
        items={items}
        total={total}
        page={paging.page}
        pageSize={paging.pageSize}
        q={paging.q}
        status={status}
      />,
    );
  })
  // Before /suppliers/:id, which would otherwise take "new" for an id.
  .get('/suppliers/new', page('The form for a new supplier (name= fills in the name)', MANAGERS), (c) => {
    const t = textFor(c.var.lang);
    const form = formState({ name: c.req.query('name')?.slice(0, 200) ?? '', status: 'prospect' });
    return renderPage(
      c,
      { title: t.suppliers.newTitle },
      <SupplierForm form={form} action="/suppliers" submit={t.suppliers.new} />,
    );
  })
  .post('/suppliers', page('Register a supplier', MANAGERS), async (c) => {
    const t = textFor(c.var.lang);
    const { values } = await readForm(c);
    const form = formState(values);
    const again = (errors: Record<string, string>) =>
      renderPage(
        c,
        { title: t.suppliers.newTitle, status: 400 },
        <SupplierForm form={{ ...form, errors }} action="/suppliers" submit={t.suppliers.new} />,
      );
    const parsed = parseWith(supplierCreate, supplierInput(values), t);
    if ('errors' in parsed) return again(parsed.errors);
    const done = await writeWith(
      () => writeTx(c.var.deps.db, (tx) => createSupplier(tx, now(c), c.var.caller.person.id, parsed.data)),
      t,
    );
    if ('errors' in done) return again(done.errors);
    return seeOther(c, `/suppliers/${done.data.id}?done=created`);
  })
  .get(
    '/suppliers/:id',
    page('One supplier and its conflicts as your role may see them; managers edit it here', 'any'),
    (c) => supplierPage(c, c.req.param('id')),
  )
  .post('/suppliers/:id', page('Change a supplier', MANAGERS), async (c) => {
    const t = textFor(c.var.lang);
    const id = c.req.param('id');
    const { values } = await readForm(c);
    const form = formState(values);
    const parsed = parseWith(supplierPatch, supplierInput(values), t);
    if ('errors' in parsed) return supplierPage(c, id, { form: { ...form, errors: parsed.errors } });
    const done = await writeWith(
      () => writeTx(c.var.deps.db, (tx) => updateSupplier(tx, now(c), c.var.caller.person.id, id, parsed.data)),
      t,
    );
    if ('errors' in done) return supplierPage(c, id, { form: { ...form, errors: done.errors } });
    return seeOther(c, `/suppliers/${id}?done=updated`);
  })
  .post('/suppliers/:id/archive', page('Archive a supplier (kept for the audit trail)', MANAGERS), async (c) => {
    const id = c.req.param('id');
    await writeTx(c.var.deps.db, (tx) =>
      updateSupplier(tx, now(c), c.var.caller.person.id, id, { status: 'archived' }),
    );
    return seeOther(c, `/suppliers/${id}?done=archived`);
  })
  .post('/suppliers/:id/merge', page('Merge a duplicate supplier into another', MANAGERS), async (c) => {
    const t = textFor(c.var.lang);
    const id = c.req.param('id');
    const { values } = await readForm(c);
    const into = values.into?.slice(0, 64);
    if (!into) return supplierPage(c, id, { mergeForm: formState({}, { into: t.errors.choose }) });
    const done = await writeWith(
      () => writeTx(c.var.deps.db, (tx) => mergeSupplier(tx, now(c), c.var.caller.person.id, id, into)),
      t,
    );
    if ('errors' in done)
      return supplierPage(c, id, {
        mergeForm: formState({ into }, { into: done.errors.into ?? t.errors.conflict.into }),
      });
    return seeOther(c, `/suppliers/${into}?done=merged`);
  });
