/**
 * Suppliers: everyone searches them and sees one supplier's conflicts as their role may (a purchaser before
 * inviting it to tender); managers add, edit, archive and merge them.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { SUPPLIER_STATUSES } from '../../../core/vocabulary.ts';
import { flagReportsOf } from '../../../db/flag-reports.ts';
import { listSuppliers } from '../../../db/supplier-list.ts';
import { createSupplier, getSupplier, mergeSupplier, updateSupplier, type Supplier } from '../../../db/suppliers.ts';
import { writeTx } from '../../../db/write.ts';
import { now } from '../../http.ts';
import { supplierCreate, supplierPatch } from '../../schemas/suppliers.ts';
import { conflictsSeenBy, flashOf, MANAGERS, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import { formState, oneOf, parseWith, readForm, readPaging, searchTerm, type FormState, writeWith } from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { FilterSelect, ListTable, Pagination, SearchForm } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';
import { SupplierForm, supplierInput } from '../ui/supplier-form.tsx';
import { SupplierDetail } from '../ui/supplier-detail.tsx';
import { findSuppliers } from '../ui/supplier-pick.tsx';

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
