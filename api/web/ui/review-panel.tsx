/** The manager's side of a declaration: the decision form, with the declarant's earlier declarations beside it. */
import type { FC } from 'hono/jsx';
import { DECISIONS } from '../../../core/vocabulary.ts';
import type { Supplier } from '../../../db/suppliers.ts';
import type { FormState } from '../form.ts';
import { useUi } from './context.ts';
import type { ShownDeclaration } from './declaration.tsx';
import { ErrorSummary, Radios, TextArea } from './fields.tsx';
import { Csrf, DateText } from './kit.tsx';
import { supplierLabel } from './supplier-pick.tsx';

export interface ReviewPanelProps {
  d: ShownDeclaration;
  form: FormState;
  history: ShownDeclaration[];
  /** Suppliers found for linking a declaration that names an unregistered one; undefined when not searched. */
  candidates?: Supplier[];
  linkQuery?: string;
}

export const ReviewPanel: FC<ReviewPanelProps> = ({ d, form, history, candidates, linkQuery }) => {
  const { t } = useUi();
  const needsLink = !d.supplierId && !!d.supplierName;
  return (
    <div class="grid">
      <section aria-labelledby="review-title">
        <h2 id="review-title">{t.review.formTitle}</h2>
        {needsLink && (
          <form method="get" action={`/declarations/${d.id}`}>
            <label for="f-link">{t.review.linkSearch}</label>
            <input id="f-link" type="search" name="link" value={linkQuery ?? d.supplierName ?? ''} />
            <button type="submit" class="secondary">
              {t.common.search}
            </button>
          </form>
        )}
        <ErrorSummary form={form} />
        <form method="post" action={`/declarations/${d.id}/review`}>
          <Csrf />
          <Radios
            form={form}
            name="decision"
            label={t.review.decision}
            options={DECISIONS.map((k) => [k, t.enums.status[k]])}
          />
          {needsLink && candidates && (
            <Radios
              form={form}
              name="supplierId"
              label={t.review.linkSupplier}
              options={[['', t.review.noLink], ...candidates.map((s): [string, string] => [s.id, supplierLabel(s)])]}
            />
          )}
          {needsLink && (
            <p>
              <a href={`/suppliers/new?name=${encodeURIComponent(d.supplierName ?? '')}`}>{t.review.createSupplier}</a>
            </p>
          )}
          <TextArea form={form} name="note" label={t.review.note} />
          <button type="submit">{t.review.submit}</button>
        </form>
      </section>
      <aside aria-labelledby="history-title">
        <h2 id="history-title">{t.review.history(d.declarantName ?? '')}</h2>
        {history.length ? (
          <ul>
            {history.map((h) => (
              <li>
                <a href={`/declarations/${h.id}`}>{t.enums.kind[h.kind]}</a> ·{' '}
                {h.supplierName ?? h.organisation ?? t.common.none} · <DateText value={h.createdAt} /> ·{' '}
                {t.enums.status[h.status]}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t.review.noHistory}</p>
        )}
      </aside>
    </div>
  );
};
