/**
 * Declaring: pick a kind, then its form. The form posts back to itself to search suppliers and to check the
 * policy's verdict before submitting, so everything works without JavaScript and nothing typed is lost.
 * `/declare?kind=gift&supplier=<id>` (the extension's card links here) opens the form with the supplier chosen.
 */
import { Hono } from 'hono';
import { amsterdamDate } from '../../../core/dates.ts';
import type { Verdict } from '../../../core/verdicts.ts';
import { DECLARATION_KINDS, namesOrganisation, type DeclarationKind } from '../../../core/vocabulary.ts';
import { createDeclaration, type DeclarationInput } from '../../../db/declarations.ts';
import { verdictFor } from '../../../db/declaration-verdicts.ts';
import { getPolicy } from '../../../db/policy.ts';
import { getSupplier, type Supplier } from '../../../db/suppliers.ts';
import { writeTx } from '../../../db/write.ts';
import { actorOf, now } from '../../http.ts';
import { declarationCreate } from '../../schemas/declarations.ts';
import { page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import {
  checked,
  euros,
  formState,
  number,
  oneOf,
  parseWith,
  readForm,
  searchTerm,
  text,
  type FormState,
  type Values,
  withChosen,
  writeWith,
} from '../form.ts';
import { textFor } from '../text/index.ts';
import { DeclareForm, KindChooser } from '../ui/declare-form.tsx';
import { renderPage } from '../ui/layout.tsx';
import { findSuppliers } from '../ui/supplier-pick.tsx';

/** The form's strings as the API's declaration body; empty fields are left out. */
export function declarationInput(kind: DeclarationKind, v: Values) {
  const party = {
    supplierId: text(v.supplierId),
    supplierName: text(v.supplierName),
    organisation: namesOrganisation(kind) ? text(v.organisation) : undefined,
  };
  const accepted = v.accepted === 'yes' ? true : v.accepted === 'no' ? false : undefined;
  switch (kind) {
    case 'relationship':
    case 'side_job':
    case 'financial_interest':
      return { kind, ...party, relation: text(v.relation), description: text(v.description) };
    case 'private_purchase':
      return {
        kind,
        ...party,
        date: text(v.date),
        amountEur: euros(v.amountEur),
        marketPrice: checked(v.marketPrice),
        normalTerms: checked(v.normalTerms),
        description: text(v.description),
      };
    case 'gift':
      return {
        kind,
        ...party,
        date: text(v.date),
        valueEur: euros(v.valueEur),
        form: text(v.form),
        forWholeCompany: checked(v.forWholeCompany),
        description: text(v.description),
        accepted,
      };
    case 'invitation':
      return {
        kind,
        ...party,
        date: text(v.date),
        valueEur: euros(v.valueEur),
        form: text(v.form),
        days: number(v.days),
        description: text(v.description),
        accepted,
      };
  }
}

const DEFAULTS: Partial<Record<DeclarationKind, Values>> = {
  gift: { form: 'goods' },
  invitation: { form: 'event', days: '1' },
};

interface FormView {
  form: FormState;
  candidates?: Supplier[];
  searched?: boolean;
  verdict?: Verdict;
}

async function formPage(c: WebContext, kind: DeclarationKind, view: FormView, status: 200 | 400 = 200) {
  const { db } = c.var.deps;
  const t = textFor(c.var.lang);
  const candidates = await withChosen(view.candidates ?? [], view.form.values.supplierId, (id) => getSupplier(db, id));
  const rules = await getPolicy(db);
  return renderPage(
    c,
    { title: t.declare.formTitle(t.enums.kind[kind]), status },
    <DeclareForm
      kind={kind}
      form={view.form}
      rules={rules}
      candidates={candidates}
      searched={!!view.searched}
      verdict={view.verdict}
      today={amsterdamDate(now(c))}
    />,
  );
}

export const declarePages = new Hono<WebEnv>()
  .get(
    '/declare',
    page('Declare: choose a kind, or the form of one (kind=, supplier= fill it in)', 'any'),
    async (c) => {
      const t = textFor(c.var.lang);
      const kind = oneOf(c.req.query('kind'), DECLARATION_KINDS);
      const supplierId = c.req.query('supplier')?.slice(0, 64);
      if (!kind) return renderPage(c, { title: t.declare.title }, <KindChooser supplier={supplierId} />);
      const form = formState({ ...DEFAULTS[kind], ...(supplierId ? { supplierId } : {}) });
      // Opened from a supplier (the extension's card): say at once when the policy refuses anything from it.
      let verdict: Verdict | undefined;
      if (supplierId && (kind === 'gift' || kind === 'invitation')) {
        const input = declarationInput(kind, form.values) as DeclarationInput;
        const preview = await verdictFor(c.var.deps.db, now(c), { ...input, valueEur: 0 }, c.var.lang);
        if (preview && !preview.allowed) verdict = preview;
      }
      return formPage(c, kind, { form, verdict });
    },
  )
  .post(
    '/declare',
    page('Declare (action=submit), or search suppliers (search) or check the verdict (check) first', 'any'),
    async (c) => {
      const t = textFor(c.var.lang);
      const { db } = c.var.deps;
      const { values } = await readForm(c);
      const kind = oneOf(values.kind, DECLARATION_KINDS);
      if (!kind) return seeOther(c, '/declare');
      const form = formState(values);
      if (values.action === 'search') {
        const q = searchTerm(values.supplierQuery);
        return formPage(c, kind, { form, candidates: await findSuppliers(db, q), searched: !!q });
      }
      const parsed = parseWith(declarationCreate, declarationInput(kind, values), t);
      if ('errors' in parsed) return formPage(c, kind, { form: { ...form, errors: parsed.errors } }, 400);
      const input = parsed.data;
      if ('date' in input && input.date && input.date > amsterdamDate(now(c)))
        return formPage(c, kind, { form: { ...form, errors: { date: t.errors.field.date } } }, 400);
      if (values.action === 'check')
        return formPage(c, kind, { form, verdict: await verdictFor(db, now(c), input, c.var.lang) });
      const done = await writeWith(
        () => writeTx(db, (tx) => createDeclaration(tx, now(c), actorOf(c), input, c.var.lang)),
        t,
      );
      if ('errors' in done) return formPage(c, kind, { form: { ...form, errors: done.errors } }, 400);
      return seeOther(c, `/declarations/${done.data.id}?done=created`);
    },
  );
