/**
 * The declarant edits their declaration: after the reviewer asked a question, or because something changed. The
 * same form as declaring, filled in; on saving it returns to `submitted` for a new review round.
 */
import { Hono } from 'hono';
import { checkDeclarant } from '../../../core/access.ts';
import { amsterdamDate } from '../../../core/dates.ts';
import { conflict } from '../../../core/errors.ts';
import type { Verdict } from '../../../core/verdicts.ts';
import { isLive } from '../../../core/vocabulary.ts';
import { inputOf, updateDeclaration } from '../../../db/declaration-edit.ts';
import { getDeclaration, type DeclarationRow } from '../../../db/declarations.ts';
import { verdictFor } from '../../../db/declaration-verdicts.ts';
import { getPolicy } from '../../../db/policy.ts';
import { getSupplier, type Supplier } from '../../../db/suppliers.ts';
import { writeTx } from '../../../db/write.ts';
import { actorOf, now } from '../../http.ts';
import { declarationCreate } from '../../schemas/declarations.ts';
import { page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import {
  formState,
  parseWith,
  readForm,
  searchTerm,
  writeWith,
  type FormState,
  type Values,
  withChosen,
} from '../form.ts';
import { textFor } from '../text/index.ts';
import { DeclareForm } from '../ui/declare-form.tsx';
import { renderPage } from '../ui/layout.tsx';
import { findSuppliers } from '../ui/supplier-pick.tsx';
import { declarationInput } from './declare.tsx';

/** The declaration as the form's strings. */
function valuesOf(row: DeclarationRow): Values {
  const values: Values = {};
  for (const [key, value] of Object.entries(inputOf(row))) {
    if (key === 'accepted') values[key] = value ? 'yes' : 'no';
    else if (typeof value === 'boolean') values[key] = value ? 'on' : '';
    else values[key] = String(value);
  }
  return values;
}

/** The caller's own live declaration; 404 when it is not theirs to see, 403 or 409 as the API answers. */
async function editable(c: WebContext, id: string): Promise<DeclarationRow> {
  const row = await getDeclaration(c.var.deps.db, actorOf(c), id);
  checkDeclarant(actorOf(c), row, 'Only the declarant can edit a declaration.');
  if (!isLive(row.status)) throw conflict(`This declaration is already ${row.status}.`, { status: row.status });
  return row;
}

async function editPage(
  c: WebContext,
  row: DeclarationRow,
  view: { form: FormState; candidates?: Supplier[]; searched?: boolean; verdict?: Verdict },
  status: 200 | 400 = 200,
) {
  const { db } = c.var.deps;
  const t = textFor(c.var.lang);
  const [candidates, rules] = await Promise.all([
    withChosen(view.candidates ?? [], view.form.values.supplierId, (sid) => getSupplier(db, sid)),
    getPolicy(db),
  ]);
  return renderPage(
    c,
    { title: t.edit.title(t.enums.kind[row.kind]), status },
    <>
      {row.status === 'needs_info' && row.decisionNote && (
        <article aria-labelledby="question-title">
          <h2 id="question-title">{t.edit.questionIntro}</h2>
          <p>{row.decisionNote}</p>
        </article>
      )}
      <p>{t.edit.help}</p>
      <DeclareForm
        kind={row.kind}
        form={view.form}
        rules={rules}
        candidates={candidates}
        searched={!!view.searched}
        verdict={view.verdict}
        today={amsterdamDate(now(c))}
        action={`/declarations/${row.id}/edit`}
        submitLabel={t.edit.submit}
      />
    </>,
  );
}

export const declarationEditPages = new Hono<WebEnv>()
  .get(
    '/declarations/:id/edit',
    page('Edit your declaration; it returns to submitted for review', 'any'),
    async (c) => {
      const row = await editable(c, c.req.param('id'));
      return editPage(c, row, { form: formState(valuesOf(row)) });
    },
  )
  .post(
    '/declarations/:id/edit',
    page('Save the edit of your declaration (or search suppliers first)', 'any'),
    async (c) => {
      const t = textFor(c.var.lang);
      const id = c.req.param('id');
      const row = await editable(c, id);
      const { values } = await readForm(c);
      const form = formState(values);
      if (values.action === 'search') {
        const q = searchTerm(values.supplierQuery);
        return editPage(c, row, { form, candidates: await findSuppliers(c.var.deps.db, q), searched: !!q });
      }
      const parsed = parseWith(declarationCreate, declarationInput(row.kind, values), t);
      if ('errors' in parsed) return editPage(c, row, { form: { ...form, errors: parsed.errors } }, 400);
      const input = parsed.data;
      if ('date' in input && input.date && input.date > amsterdamDate(now(c)))
        return editPage(c, row, { form: { ...form, errors: { date: t.errors.field.date } } }, 400);
      if (values.action === 'check')
        return editPage(c, row, { form, verdict: await verdictFor(c.var.deps.db, now(c), input, c.var.lang) });
      const done = await writeWith(
        () => writeTx(c.var.deps.db, (tx) => updateDeclaration(tx, now(c), actorOf(c), id, input, c.var.lang)),
        t,
      );
      if ('errors' in done) return editPage(c, row, { form: { ...form, errors: done.errors } }, 400);
      return seeOther(c, `/declarations/${id}?done=edited`);
    },
  );
