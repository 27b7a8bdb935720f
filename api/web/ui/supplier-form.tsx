/** The supplier form (create and edit, managers only), and how its fields map to the API's supplier body. */
import type { FC } from 'hono/jsx';
import { SUPPLIER_STATUSES } from '../../../core/vocabulary.ts';
import type { Supplier } from '../../../db/suppliers.ts';
import { identifiers, lines, text, type FormState, type Values } from '../form.ts';
import { useUi } from './context.ts';
import { ErrorSummary, Field, Select, TextArea } from './fields.tsx';
import { Csrf } from './kit.tsx';
import { NameRulesLive } from './name-rules.tsx';

export const supplierValues = (s: Supplier): Values => ({
  name: s.name,
  aliases: s.aliases.join('\n'),
  kvk: s.kvk.join('\n'),
  vat: s.vat.join('\n'),
  domains: s.domains.join('\n'),
  emails: s.emails.join('\n'),
  status: s.status,
  lastBusinessDate: s.lastBusinessDate ?? '',
  notes: s.notes ?? '',
});

/** Every field, so an edit may also clear one; the registry audits only what changed. */
export const supplierInput = (v: Values) => ({
  name: text(v.name),
  aliases: lines(v.aliases),
  kvk: identifiers(v.kvk),
  vat: identifiers(v.vat),
  domains: identifiers(v.domains),
  emails: identifiers(v.emails),
  status: v.status,
  lastBusinessDate: text(v.lastBusinessDate) ?? null,
  notes: text(v.notes) ?? null,
});

export const SupplierForm: FC<{ form: FormState; action: string; submit: string }> = ({ form, action, submit }) => {
  const { t } = useUi();
  const s = t.suppliers;
  return (
    <>
      <ErrorSummary form={form} />
      <form method="post" action={action}>
        <Csrf />
        <Field form={form} name="name" label={s.name} required />
        <TextArea form={form} name="aliases" label={s.aliases} hint={t.common.listHint} />
        <NameRulesLive names={[form.values.name ?? '', ...lines(form.values.aliases)]} />
        <div class="grid">
          <div>
            <TextArea form={form} name="kvk" label={s.kvk} hint={t.common.listHint} rows={2} />
          </div>
          <div>
            <TextArea form={form} name="vat" label={s.vat} hint={t.common.listHint} rows={2} />
          </div>
        </div>
        <div class="grid">
          <div>
            <TextArea form={form} name="domains" label={s.domains} hint={t.common.listHint} rows={2} />
          </div>
          <div>
            <TextArea form={form} name="emails" label={s.emails} hint={s.emailsHint} rows={2} />
          </div>
        </div>
        <div class="grid">
          <div>
            <Select
              form={form}
              name="status"
              label={s.status}
              options={SUPPLIER_STATUSES.map((k) => [k, t.enums.supplierStatus[k]])}
            />
          </div>
          <div>
            <Field form={form} name="lastBusinessDate" type="date" label={s.lastBusiness} />
          </div>
        </div>
        <TextArea form={form} name="notes" label={s.notes} />
        <button type="submit">{submit}</button>
      </form>
    </>
  );
};
