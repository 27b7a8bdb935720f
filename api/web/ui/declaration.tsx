/** How a declaration reads on a page: who it is about, its kind's fields, and the policy's verdict. */
import type { Child, FC } from 'hono/jsx';
import type { PolicyRules } from '../../../core/policy.ts';
import { VERDICT_TEXTS, type Verdict } from '../../../core/verdicts.ts';
import type { presentDeclaration } from '../../../db/declarations.ts';
import { useUi } from './context.ts';
import { DateText, Facts, Money } from './kit.tsx';

export type ShownDeclaration = ReturnType<typeof presentDeclaration>;

/** The supplier or organisation, saying when it is not (yet) a supplier in the registry. */
export const Party: FC<{ d: ShownDeclaration }> = ({ d }) => {
  const { t } = useUi();
  if (d.supplierId && d.supplierName) return <a href={`/suppliers/${d.supplierId}`}>{d.supplierName}</a>;
  if (d.supplierName)
    return (
      <>
        {d.supplierName} <small>({t.declarations.unregistered})</small>
      </>
    );
  if (d.organisation)
    return (
      <>
        {d.organisation} <small>({t.declarations.organisation})</small>
      </>
    );
  return <>{t.common.none}</>;
};

/** A verdict in the reader's language under the current rules; the stored wording if the rule is gone. */
function verdictMessage(verdict: Verdict, rules: PolicyRules, lang: 'nl' | 'en'): string {
  return VERDICT_TEXTS[verdict.rule]?.(rules)[lang] ?? verdict.message;
}

export const VerdictBox: FC<{ verdict: Verdict; rules: PolicyRules; live?: boolean }> = ({ verdict, rules, live }) => {
  const { t, lang } = useUi();
  return (
    <article aria-labelledby="verdict-title" role={live ? 'status' : undefined}>
      <h2 id="verdict-title">{t.declare.verdictTitle}</h2>
      <p>
        <strong>{verdict.allowed ? t.declare.allowed : t.declare.refused}</strong> —{' '}
        {verdictMessage(verdict, rules, lang)}
      </p>
    </article>
  );
};

const yesNo = (t: ReturnType<typeof useUi>['t'], v: boolean | null) =>
  v === null ? t.common.none : v ? t.common.yes : t.common.no;

/** The fields the declarant filled in for this kind, as a definition list. */
export const DeclarationFields: FC<{ d: ShownDeclaration }> = ({ d }) => {
  const { t } = useUi();
  const f = t.declarations.fields;
  const rows: [string, Child][] = [];
  if (d.relation) rows.push([f.relation, d.relation]);
  if (d.date) rows.push([f.date, <DateText value={d.date} />]);
  if (d.amountEur !== undefined) rows.push([f.amount, <Money value={d.amountEur} />]);
  if (d.kind === 'private_purchase')
    rows.push([f.marketPrice, yesNo(t, d.marketPrice)], [f.normalTerms, yesNo(t, d.normalTerms)]);
  if (d.valueEur !== undefined) rows.push([f.value, <Money value={d.valueEur} />]);
  if (d.form) rows.push([f.form, t.enums.form[d.form]]);
  if (d.kind === 'gift') rows.push([f.wholeCompany, yesNo(t, d.forWholeCompany)]);
  if (d.days) rows.push([f.days, String(d.days)]);
  if (d.kind === 'gift' || d.kind === 'invitation') rows.push([f.accepted, yesNo(t, d.accepted)]);
  if (d.description) rows.push([f.description, d.description]);
  return <Facts rows={rows} />;
};
