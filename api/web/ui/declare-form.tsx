/**
 * The declaration forms, one shape for all six kinds: who it is about (a supplier found on the server by name
 * or KvK number, a named unregistered supplier, or for side jobs and interests any organisation), the kind's
 * own fields, what the code asks in one sentence, and whom to ask in doubt.
 */
import type { FC } from 'hono/jsx';
import type { PolicyRules, RuleTextKey } from '../../../core/policy.ts';
import type { Verdict } from '../../../core/verdicts.ts';
import { GIFT_FORMS, namesOrganisation, type DeclarationKind } from '../../../core/vocabulary.ts';
import type { Supplier } from '../../../db/suppliers.ts';
import type { FormState } from '../form.ts';
import { useUi } from './context.ts';
import { VerdictBox } from './declaration.tsx';
import { Checkbox, ErrorSummary, Field, Radios, Select, TextArea } from './fields.tsx';
import { Contact, Csrf } from './kit.tsx';
import { SupplierName, SupplierSearch } from './supplier-pick.tsx';

const VERDICT_KINDS: DeclarationKind[] = ['gift', 'invitation'];

/** Which of the policy's rule texts explains a kind of declaration. */
const RULE_TEXT: Record<DeclarationKind, RuleTextKey> = {
  relationship: 'related',
  side_job: 'side_job',
  financial_interest: 'side_job',
  private_purchase: 'purchase',
  gift: 'gift',
  invitation: 'invitation',
};

interface PartyProps {
  form: FormState;
  candidates: Supplier[];
  searched: boolean;
  organisation: boolean;
}

const PartyPicker: FC<PartyProps> = ({ form, candidates, searched, organisation }) => {
  const { t } = useUi();
  const error = form.errors.supplierId ?? form.errors.organisation;
  const chosen = form.values.supplierId ?? '';
  return (
    <fieldset aria-describedby={error ? 'party-error' : undefined}>
      <legend>
        <strong>{organisation ? t.declare.partyOrOrganisation : t.declare.party}</strong>
      </legend>
      <SupplierSearch form={form} />
      {candidates.length > 0 && (
        <fieldset>
          <legend>{t.declare.results}</legend>
          {candidates.map((s) => (
            <label>
              <input type="radio" name="supplierId" value={s.id} checked={s.id === chosen} />
              <SupplierName s={s} />
            </label>
          ))}
          <label>
            <input type="radio" name="supplierId" value="" checked={!chosen} />
            {t.declare.notListed}
          </label>
        </fieldset>
      )}
      {searched && !candidates.length && <p>{t.declare.noResults}</p>}
      <Field form={form} name="supplierName" label={t.declare.supplierName} hint={t.declare.supplierNameHint} />
      {organisation && <Field form={form} name="organisation" label={t.declare.organisation} />}
      {error && (
        <p>
          <small id="party-error">{error}</small>
        </p>
      )}
    </fieldset>
  );
};

const KindFields: FC<{ kind: DeclarationKind; form: FormState; today: string }> = ({ kind, form, today }) => {
  const { t } = useUi();
  const d = t.declare;
  const forms = GIFT_FORMS.map((f): [string, string] => [f, t.enums.form[f]]);
  const accepted = (
    <Radios
      form={form}
      name="accepted"
      label={d.accepted}
      options={[
        ['', d.acceptedOpen],
        ['no', d.acceptedNo],
        ['yes', d.acceptedYes],
      ]}
    />
  );
  switch (kind) {
    case 'relationship':
      return (
        <>
          <Field form={form} name="relation" label={d.relation} hint={d.relationHint} required />
          <TextArea form={form} name="description" label={d.descriptionOptional} />
        </>
      );
    case 'side_job':
    case 'financial_interest':
      return (
        <>
          <Field form={form} name="relation" label={d.role} />
          <TextArea form={form} name="description" label={d.description} required />
        </>
      );
    case 'private_purchase':
      return (
        <>
          <Field form={form} name="date" type="date" label={d.purchaseDate} max={today} required />
          <Field form={form} name="amountEur" label={d.amount} inputmode="decimal" required />
          <Checkbox form={form} name="marketPrice" label={d.marketPrice} />
          <Checkbox form={form} name="normalTerms" label={d.normalTerms} />
          <TextArea form={form} name="description" label={d.descriptionOptional} />
        </>
      );
    case 'gift':
      return (
        <>
          <Select form={form} name="form" label={d.form} options={forms} />
          <Field form={form} name="valueEur" label={d.value} inputmode="decimal" required />
          <Checkbox form={form} name="forWholeCompany" label={d.wholeCompany} />
          <Field form={form} name="date" type="date" label={d.dateOffered} max={today} />
          <TextArea form={form} name="description" label={d.descriptionOptional} />
          {accepted}
        </>
      );
    case 'invitation':
      return (
        <>
          <Select form={form} name="form" label={d.form} options={forms} />
          <Field form={form} name="days" type="number" label={d.days} min="1" max="60" />
          <Field form={form} name="valueEur" label={d.valueOptional} inputmode="decimal" />
          <Field form={form} name="date" type="date" label={d.dateOffered} max={today} />
          <TextArea form={form} name="description" label={d.descriptionOptional} />
          {accepted}
        </>
      );
  }
};

interface DeclareFormProps {
  kind: DeclarationKind;
  form: FormState;
  rules: PolicyRules;
  candidates: Supplier[];
  searched: boolean;
  verdict?: Verdict;
  today: string;
  /** Where the form posts: declaring by default, or a declaration's edit page. */
  action?: string;
  submitLabel?: string;
}

export const DeclareForm: FC<DeclareFormProps> = ({
  kind,
  form,
  rules,
  candidates,
  searched,
  verdict,
  today,
  action = '/declare',
  submitLabel,
}) => {
  const { t, lang } = useUi();
  return (
    <>
      <p>{rules.texts[RULE_TEXT[kind]][lang]}</p>
      <p>
        {t.declare.counsellor} {rules.counsellor.name} (<Contact value={rules.counsellor.contact} />)
      </p>
      {verdict && <VerdictBox verdict={verdict} rules={rules} live />}
      <ErrorSummary form={form} />
      <form method="post" action={action}>
        <Csrf />
        <input type="hidden" name="kind" value={kind} />
        <PartyPicker form={form} candidates={candidates} searched={searched} organisation={namesOrganisation(kind)} />
        <KindFields kind={kind} form={form} today={today} />
        {VERDICT_KINDS.includes(kind) && (
          <button type="submit" name="action" value="check" class="secondary" formnovalidate>
            {t.declare.check}
          </button>
        )}{' '}
        <button type="submit" name="action" value="submit">
          {submitLabel ?? t.declare.submit}
        </button>
      </form>
    </>
  );
};

/** The start of declaring: what each kind means, each a link to its form (keeping a supplier from the extension). */
export const KindChooser: FC<{ supplier?: string }> = ({ supplier }) => {
  const { t } = useUi();
  const kinds = Object.keys(t.declare.kindHelp) as DeclarationKind[];
  const suffix = supplier ? `&supplier=${encodeURIComponent(supplier)}` : '';
  return (
    <>
      <p>{t.declare.chooseIntro}</p>
      <ul>
        {kinds.map((k) => (
          <li>
            <a href={`/declare?kind=${k}${suffix}`}>
              <strong>{t.enums.kind[k]}</strong>
            </a>
            : {t.declare.kindHelp[k]}
          </li>
        ))}
      </ul>
    </>
  );
};
