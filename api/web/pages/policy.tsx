/**
 * The organisation's policy for admins: start from either integrity code's preset (loaded into the form, saved
 * only on "save"), then adjust the gift and invitation rules, the periods, the rule texts and the counsellor.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { PRESETS, type PolicyRules, type RuleTextKey } from '../../../core/policy.ts';
import { getPolicy, setPolicy } from '../../../db/policy.ts';
import { writeTx } from '../../../db/write.ts';
import { now } from '../../http.ts';
import { policyBody } from '../../schemas/policy.ts';
import { ADMINS, flashOf, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import { checked, euros, formState, number, oneOf, parseWith, readForm, type FormState, type Values } from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { Checkbox, ErrorSummary, Field, Select, TextArea } from '../ui/fields.tsx';
import { Csrf } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';

const CODES = ['samenwerking', 'clavis'] as const;
const TEXT_KEYS: RuleTextKey[] = ['negotiation', 'related', 'purchase', 'gift', 'invitation', 'side_job'];
const on = (v: boolean) => (v ? 'on' : '');

/** The rules as flat form fields, named by their path (`gifts.limitEur`, `texts.gift.nl`). */
function policyValues(r: PolicyRules): Values {
  const values: Values = {
    code: r.code,
    'gifts.personalAllowed': on(r.gifts.personalAllowed),
    'gifts.wholeCompanyAllowed': on(r.gifts.wholeCompanyAllowed),
    'gifts.limitEur': String(r.gifts.limitEur),
    'invitations.onlyFromContracted': on(r.invitations.onlyFromContracted),
    'invitations.multiDayAllowed': on(r.invitations.multiDayAllowed),
    purchaseWindowMonths: String(r.purchaseWindowMonths),
    retentionYears: String(r.retentionYears),
    'counsellor.name': r.counsellor.name,
    'counsellor.contact': r.counsellor.contact,
  };
  for (const k of TEXT_KEYS) for (const lang of ['nl', 'en'] as const) values[`texts.${k}.${lang}`] = r.texts[k][lang];
  return values;
}

function policyInput(v: Values) {
  return {
    code: v.code,
    gifts: {
      personalAllowed: checked(v['gifts.personalAllowed']),
      wholeCompanyAllowed: checked(v['gifts.wholeCompanyAllowed']),
      limitEur: euros(v['gifts.limitEur']),
    },
    invitations: {
      onlyFromContracted: checked(v['invitations.onlyFromContracted']),
      multiDayAllowed: checked(v['invitations.multiDayAllowed']),
    },
    purchaseWindowMonths: number(v.purchaseWindowMonths),
    retentionYears: number(v.retentionYears),
    counsellor: { name: v['counsellor.name'], contact: v['counsellor.contact'] },
    texts: Object.fromEntries(TEXT_KEYS.map((k) => [k, { nl: v[`texts.${k}.nl`], en: v[`texts.${k}.en`] }])),
  };
}

const PolicyForm: FC<{ form: FormState }> = ({ form }) => {
  const { t } = useUi();
  const p = t.policy;
  return (
    <>
      <p>{p.intro}</p>
      <ErrorSummary form={form} />
      <form method="post" action="/policy">
        <Csrf />
        <fieldset>
          <legend>
            <strong>{p.preset}</strong>
          </legend>
          <Select form={form} name="code" label={p.preset} options={CODES.map((c) => [c, p.presets[c]])} />
          <button type="submit" name="action" value="preset" class="secondary" formnovalidate>
            {p.loadPreset}
          </button>
        </fieldset>
        <fieldset>
          <legend>
            <strong>{p.gifts}</strong>
          </legend>
          <Checkbox form={form} name="gifts.personalAllowed" label={p.personalAllowed} />
          <Checkbox form={form} name="gifts.wholeCompanyAllowed" label={p.wholeCompanyAllowed} />
          <Field form={form} name="gifts.limitEur" label={p.limit} inputmode="decimal" required />
        </fieldset>
        <fieldset>
          <legend>
            <strong>{p.invitations}</strong>
          </legend>
          <Checkbox form={form} name="invitations.onlyFromContracted" label={p.onlyFromContracted} />
          <Checkbox form={form} name="invitations.multiDayAllowed" label={p.multiDayAllowed} />
        </fieldset>
        <fieldset>
          <legend>
            <strong>{p.periods}</strong>
          </legend>
          <Field
            form={form}
            name="purchaseWindowMonths"
            type="number"
            label={p.purchaseWindow}
            min="1"
            max="120"
            required
          />
          <Field form={form} name="retentionYears" type="number" label={p.retention} min="1" max="30" required />
        </fieldset>
        <fieldset>
          <legend>
            <strong>{p.counsellor}</strong>
          </legend>
          <Field form={form} name="counsellor.name" label={p.counsellorName} required />
          <Field form={form} name="counsellor.contact" label={p.counsellorContact} required />
        </fieldset>
        <fieldset>
          <legend>
            <strong>{p.texts}</strong>
          </legend>
          {TEXT_KEYS.map((k) => (
            <>
              <TextArea form={form} name={`texts.${k}.nl`} label={`${p.textKeys[k]} (${p.inDutch})`} required />
              <TextArea form={form} name={`texts.${k}.en`} label={`${p.textKeys[k]} (${p.inEnglish})`} required />
            </>
          ))}
        </fieldset>
        <button type="submit" name="action" value="save">
          {t.common.save}
        </button>
      </form>
    </>
  );
};

const policyPage = (c: WebContext, form: FormState, opts: { flash?: string; status?: 200 | 400 } = {}) =>
  renderPage(c, { title: textFor(c.var.lang).policy.title, ...opts }, <PolicyForm form={form} />);

export const policyPages = new Hono<WebEnv>()
  .get('/policy', page('The organisation’s integrity rules, texts and counsellor', ADMINS), async (c) => {
    const t = textFor(c.var.lang);
    return policyPage(c, formState(policyValues(await getPolicy(c.var.deps.db))), {
      flash: flashOf(c, { saved: t.policy.saved }),
    });
  })
  .post(
    '/policy',
    page('Save the rules (action=save), or load a code’s preset into the form (preset)', ADMINS),
    async (c) => {
      const t = textFor(c.var.lang);
      const { values } = await readForm(c);
      if (values.action === 'preset') {
        const code = oneOf(values.code, CODES) ?? 'samenwerking';
        return policyPage(c, formState(policyValues(PRESETS[code])), { flash: t.policy.presetLoaded });
      }
      const parsed = parseWith(policyBody, policyInput(values), t);
      if ('errors' in parsed) return policyPage(c, formState(values, parsed.errors), { status: 400 });
      await writeTx(c.var.deps.db, (tx) => setPolicy(tx, now(c), c.var.caller.person.id, parsed.data));
      return seeOther(c, '/policy?done=saved');
    },
  );
