/**
 * One supplier as the supplier page shows it: its facts and the conflicts the viewer's role may see; for managers
 * also the "wrong flag?" reports and the forms to edit, archive and merge it.
 */
import type { FC } from 'hono/jsx';
import type { Conflict } from '../../../core/types.ts';
import type { FlagReportView } from '../../../db/flag-reports.ts';
import { freeMailDomainsOf, type Supplier } from '../../../db/suppliers.ts';
import { MANAGERS } from '../env.ts';
import { formState, type FormState } from '../form.ts';
import { ConflictList } from './conflicts.tsx';
import { useUi } from './context.ts';
import { FlagReportList } from './flag-reports.tsx';
import { Csrf, DateText, Facts } from './kit.tsx';
import { NameRuleList } from './name-rules.tsx';
import { SupplierForm, supplierValues } from './supplier-form.tsx';
import { SupplierName } from './supplier-pick.tsx';

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

export const SupplierDetail: FC<DetailProps> = (p) => {
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
