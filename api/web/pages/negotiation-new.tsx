/**
 * Opening a negotiation. The supplier is found on the server, and every candidate shows its conflicts as the
 * purchaser may see them, so a conflict is seen before the supplier is invited to tender.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { Conflict } from '../../../core/types.ts';
import { STAGES } from '../../../core/vocabulary.ts';
import { createNegotiation } from '../../../db/negotiations.ts';
import { getSupplier, type Supplier } from '../../../db/suppliers.ts';
import { writeTx } from '../../../db/write.ts';
import { now } from '../../http.ts';
import { negotiationCreate } from '../../schemas/negotiations.ts';
import { BUYERS, conflictsSeenBy, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import { formState, parseWith, readForm, searchTerm, text, type FormState, withChosen, writeWith } from '../form.ts';
import { textFor } from '../text/index.ts';
import { ConflictList } from '../ui/conflicts.tsx';
import { useUi } from '../ui/context.ts';
import { ErrorSummary, Field, Select } from '../ui/fields.tsx';
import { Csrf } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';
import { findSuppliers, SupplierName, SupplierSearch } from '../ui/supplier-pick.tsx';

interface Candidate {
  supplier: Supplier;
  conflicts: Conflict[];
}

const NewNegotiation: FC<{ form: FormState; candidates: Candidate[]; searched: boolean }> = ({
  form,
  candidates,
  searched,
}) => {
  const { t } = useUi();
  const n = t.negotiations;
  const chosen = form.values.supplierId ?? '';
  const error = form.errors.supplierId;
  const picked = candidates.find((c) => c.supplier.id === chosen);
  return (
    <>
      <p>{n.newIntro}</p>
      {picked && (
        <section aria-labelledby="picked-title">
          <h2 id="picked-title">
            {t.suppliers.conflicts}: {picked.supplier.name}
          </h2>
          <ConflictList conflicts={picked.conflicts} />
        </section>
      )}
      <ErrorSummary form={form} />
      <form method="post" action="/negotiations">
        <Csrf />
        <fieldset aria-describedby={error ? 'supplier-error' : undefined}>
          <legend>
            <strong>{n.cols.supplier}</strong>
          </legend>
          <SupplierSearch form={form} />
          {candidates.map(({ supplier, conflicts }) => (
            <label>
              <input type="radio" name="supplierId" value={supplier.id} checked={supplier.id === chosen} />
              <SupplierName s={supplier} />
              {conflicts.length > 0 && ` · ${conflicts.map((c) => t.enums.conflict[c.kind]).join(', ')}`}
            </label>
          ))}
          {searched && !candidates.length && <p>{t.suppliers.emptySearch}</p>}
          {error && <small id="supplier-error">{error}</small>}
        </fieldset>
        <Field form={form} name="reference" label={n.reference} required />
        <Field form={form} name="subject" label={n.subject} required />
        <Select form={form} name="stage" label={n.stage} options={STAGES.map((s) => [s, t.enums.stage[s]])} />
        <button type="submit" name="action" value="submit">
          {n.open}
        </button>
      </form>
    </>
  );
};

async function newPage(
  c: WebContext,
  form: FormState,
  found: Supplier[] = [],
  searched = false,
  status: 200 | 400 = 200,
) {
  const { db } = c.var.deps;
  const t = textFor(c.var.lang);
  const suppliers = await withChosen(found, form.values.supplierId, (id) => getSupplier(db, id));
  const conflictsOf = await conflictsSeenBy(c);
  const candidates = suppliers.map((supplier) => ({ supplier, conflicts: conflictsOf(supplier.id) }));
  return renderPage(
    c,
    { title: t.negotiations.newTitle, status },
    <NewNegotiation form={form} candidates={candidates} searched={searched} />,
  );
}

export const negotiationNewPages = new Hono<WebEnv>()
  .get('/negotiations/new', page('The form to open a negotiation (supplier= chooses the supplier)', BUYERS), (c) =>
    newPage(c, formState({ stage: 'talks', supplierId: c.req.query('supplier')?.slice(0, 64) ?? '' })),
  )
  .post(
    '/negotiations',
    page('Open a negotiation (action=submit), or search suppliers first (search)', BUYERS),
    async (c) => {
      const t = textFor(c.var.lang);
      const { values } = await readForm(c);
      const form = formState(values);
      if (values.action === 'search') {
        const q = searchTerm(values.supplierQuery);
        return newPage(c, form, await findSuppliers(c.var.deps.db, q), !!q);
      }
      const parsed = parseWith(
        negotiationCreate,
        {
          supplierId: text(values.supplierId),
          reference: text(values.reference),
          subject: text(values.subject),
          stage: values.stage,
        },
        t,
      );
      if ('errors' in parsed) return newPage(c, { ...form, errors: parsed.errors }, [], false, 400);
      const done = await writeWith(
        () => writeTx(c.var.deps.db, (tx) => createNegotiation(tx, now(c), c.var.caller.person.id, parsed.data)),
        t,
      );
      if ('errors' in done) return newPage(c, { ...form, errors: done.errors }, [], false, 400);
      return seeOther(c, `/negotiations/${done.data.id}?done=created`);
    },
  );
