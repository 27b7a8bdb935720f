/**
 * Attestation campaigns for managers and admins: the list (admins start a new one here) and each campaign's
 * progress: confirmed, open and overdue, for a manager's own people or, for admins, everyone.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { amsterdamDate, formatDate } from '../../../core/dates.ts';
import { campaignProgress, listCampaigns, startCampaign, type CampaignRow } from '../../../db/attestations.ts';
import { writeTx } from '../../../db/write.ts';
import { actorOf, now } from '../../http.ts';
import { campaignCreate } from '../../schemas/attestations.ts';
import { ADMINS, flashOf, MANAGERS, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import { formState, parseWith, readForm, text, writeWith, type FormState } from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { ErrorSummary, Field } from '../ui/fields.tsx';
import { Csrf, DateText, ListTable } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';

const StartForm: FC<{ form: FormState; today: string }> = ({ form, today }) => {
  const { t } = useUi();
  return (
    <section aria-labelledby="start-title">
      <h2 id="start-title">{t.attest.startTitle}</h2>
      <ErrorSummary form={form} />
      <form method="post" action="/attestations/campaigns">
        <Csrf />
        <Field form={form} name="title" label={t.attest.campaignTitle} hint={t.attest.campaignTitleHint} required />
        <Field form={form} name="dueOn" type="date" label={t.attest.dueOn} min={today} required />
        <button type="submit">{t.attest.start}</button>
      </form>
    </section>
  );
};

const Campaigns: FC<{ items: CampaignRow[]; form?: FormState; today: string }> = ({ items, form, today }) => {
  const { t, lang } = useUi();
  const c = t.attest.cols;
  return (
    <>
      <p>{t.attest.campaignsIntro}</p>
      <ListTable
        cols={[c.title, c.due]}
        items={items}
        empty={t.attest.noCampaigns}
        row={(k) => (
          <tr>
            <td>
              <a href={`/attestations/campaigns/${k.id}`}>{k.title}</a>
            </td>
            <td>{formatDate(k.dueOn, lang)}</td>
          </tr>
        )}
      />
      {form && <StartForm form={form} today={today} />}
    </>
  );
};

type Progress = Awaited<ReturnType<typeof campaignProgress>>;

const ProgressView: FC<{ p: Progress }> = ({ p }) => {
  const { t, lang } = useUi();
  const c = t.attest.cols;
  const state = (x: Progress['people'][number]) =>
    x.status === 'confirmed'
      ? x.nothingToDeclare
        ? t.attest.statusNil
        : t.attest.statusConfirmed
      : x.overdue
        ? t.attest.overdue
        : t.attest.statusOpen;
  return (
    <>
      <p>{t.attest.due(formatDate(p.dueOn, lang))}</p>
      <p role="status">{t.attest.counts(p.confirmed, p.open, p.overdue)}</p>
      <ListTable
        cols={[c.person, c.status, c.confirmedAt]}
        items={p.people}
        empty={t.attest.nobody}
        row={(x) => (
          <tr>
            <td>{x.name}</td>
            <td>{x.overdue ? <strong>{state(x)}</strong> : state(x)}</td>
            <td>
              <DateText value={x.confirmedAt} />
            </td>
          </tr>
        )}
      />
      <p>
        <a href="/attestations/campaigns">{t.common.back}</a>
      </p>
    </>
  );
};

async function campaignsPage(c: WebContext, form?: FormState) {
  const t = textFor(c.var.lang);
  const items = await listCampaigns(c.var.deps.db);
  const isAdmin = ADMINS.includes(c.var.caller.person.role);
  return renderPage(
    c,
    { title: t.attest.campaigns, flash: flashOf(c, t.attest.flash), status: form ? 400 : 200 },
    <Campaigns items={items} form={isAdmin ? (form ?? formState()) : undefined} today={amsterdamDate(now(c))} />,
  );
}

export const campaignPages = new Hono<WebEnv>()
  .get('/attestations/campaigns', page('Attestation campaigns; admins start one here', MANAGERS), (c) =>
    campaignsPage(c),
  )
  .post('/attestations/campaigns', page('Start an attestation campaign', ADMINS), async (c) => {
    const t = textFor(c.var.lang);
    const { values } = await readForm(c);
    const form = formState({ title: values.title ?? '', dueOn: values.dueOn ?? '' });
    const parsed = parseWith(campaignCreate, { title: text(values.title), dueOn: values.dueOn ?? '' }, t);
    if ('errors' in parsed) return campaignsPage(c, { ...form, errors: parsed.errors });
    const done = await writeWith(
      () => writeTx(c.var.deps.db, (tx) => startCampaign(tx, now(c), actorOf(c).id, parsed.data)),
      t,
    );
    if ('errors' in done) return campaignsPage(c, { ...form, errors: { dueOn: t.attest.dueInPast } });
    return seeOther(c, `/attestations/campaigns/${done.data.id}?done=started`);
  })
  .get(
    '/attestations/campaigns/:id',
    page('A campaign’s progress: your people, or everyone for admins', MANAGERS),
    async (c) => {
      const t = textFor(c.var.lang);
      const p = await campaignProgress(c.var.deps.db, actorOf(c), c.req.param('id'), now(c));
      return renderPage(
        c,
        { title: `${t.attest.progress}: ${p.title}`, flash: flashOf(c, t.attest.flash) },
        <ProgressView p={p} />,
      );
    },
  );
