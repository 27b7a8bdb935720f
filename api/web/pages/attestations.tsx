/**
 * The yearly attestation for everyone: each open attestation lists the person's live relationships, side jobs
 * and interests to mark still current or over, then "I have declared everything" or "I have nothing to declare".
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { formatDate } from '../../../core/dates.ts';
import { confirmAttestation, myAttestations } from '../../../db/attestations.ts';
import { writeTx } from '../../../db/write.ts';
import { actorOf, now } from '../../http.ts';
import { flashOf, MANAGERS, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import { formState, readForm, writeWith, type FormState } from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { Party } from '../ui/declaration.tsx';
import { ErrorSummary, Radios } from '../ui/fields.tsx';
import { Csrf, Empty } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';

type Item = Awaited<ReturnType<typeof myAttestations>>[number];

const OpenAttestation: FC<{ a: Item; form: FormState }> = ({ a, form }) => {
  const { t } = useUi();
  return (
    <form method="post" action={`/attestations/${a.id}/confirm`}>
      <Csrf />
      <ErrorSummary form={form} message={form.errors._form} />
      {a.declarations.length ? (
        <>
          <p>{t.attest.listIntro}</p>
          {a.declarations.map((d) => (
            <Radios
              form={form}
              name={`d.${d.id}`}
              label={`${t.enums.kind[d.kind]}: ${d.supplierName ?? d.organisation ?? ''}${d.relation ? ` (${d.relation})` : ''}`}
              options={[
                ['current', t.attest.stillCurrent],
                ['ended', t.attest.ended],
              ]}
            />
          ))}
        </>
      ) : (
        <p>{t.attest.noneLive}</p>
      )}
      <p>
        {t.attest.missingDeclaration} <a href="/declare">{t.nav.declare}</a>
      </p>
      <button type="submit" name="answer" value="everything">
        {t.attest.everything}
      </button>{' '}
      <button type="submit" name="answer" value="nothing" class="secondary">
        {t.attest.nothing}
      </button>
    </form>
  );
};

const Attestations: FC<{ items: Item[]; forms: Record<string, FormState>; manages: boolean }> = ({
  items,
  forms,
  manages,
}) => {
  const { t, lang } = useUi();
  return (
    <>
      <p>{t.attest.intro}</p>
      {manages && (
        <p>
          <a href="/attestations/campaigns">{t.attest.campaigns}</a>
        </p>
      )}
      {!items.length && <Empty>{t.attest.none}</Empty>}
      {items.map((a) => (
        <article aria-labelledby={`a-${a.id}`}>
          <h2 id={`a-${a.id}`}>{a.title}</h2>
          <p>
            {t.attest.due(formatDate(a.dueOn, lang))}
            {a.overdue && <strong> · {t.attest.overdue}</strong>}
          </p>
          {a.status === 'confirmed' ? (
            <p>
              {t.attest.confirmed(formatDate(a.confirmedAt!, lang))} {a.nothingToDeclare && t.attest.nilReturn}
            </p>
          ) : (
            <OpenAttestation a={a} form={forms[a.id] ?? formState()} />
          )}
          {a.status === 'confirmed' && a.declarations.length > 0 && (
            <ul>
              {a.declarations.map((d) => (
                <li>
                  {t.enums.kind[d.kind]}: <Party d={d} />
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </>
  );
};

async function attestationsPage(c: WebContext, forms: Record<string, FormState> = {}, status: 200 | 400 = 200) {
  const t = textFor(c.var.lang);
  const items = await myAttestations(c.var.deps.db, actorOf(c).id, now(c));
  const manages = MANAGERS.includes(c.var.caller.person.role);
  return renderPage(
    c,
    { title: t.attest.title, flash: flashOf(c, t.attest.flash), status },
    <Attestations items={items} forms={forms} manages={manages} />,
  );
}

export const attestationPages = new Hono<WebEnv>()
  .get(
    '/attestations',
    page('Your yearly attestations: confirm your declarations, or that you have nothing to declare', 'any'),
    (c) => attestationsPage(c),
  )
  .post('/attestations/:id/confirm', page('Confirm your attestation', 'any'), async (c) => {
    const t = textFor(c.var.lang);
    const id = c.req.param('id');
    const { values } = await readForm(c);
    const listed = Object.keys(values).filter((k) => k.startsWith('d.'));
    const items = await myAttestations(c.var.deps.db, actorOf(c).id, now(c));
    const shown = items.find((a) => a.id === id)?.declarations.map((d) => d.id) ?? [];
    const choice = (d: string) => values[`d.${d}`];
    const errors: Record<string, string> = {};
    for (const d of shown) if (choice(d) !== 'current' && choice(d) !== 'ended') errors[`d.${d}`] = t.attest.chooseEach;
    const stillCurrent = shown.filter((d) => choice(d) === 'current');
    const nothingToDeclare = values.answer === 'nothing';
    if (nothingToDeclare && stillCurrent.length) errors._form = t.attest.nothingButCurrent;
    const form = formState(Object.fromEntries(listed.map((k) => [k, values[k]])), errors);
    if (Object.keys(errors).length) return attestationsPage(c, { [id]: form }, 400);
    const input = { nothingToDeclare, stillCurrent, ended: shown.filter((d) => choice(d) === 'ended') };
    const done = await writeWith(
      () => writeTx(c.var.deps.db, (tx) => confirmAttestation(tx, now(c), actorOf(c), id, input)),
      t,
    );
    // A declaration that changed since the page was shown: show the page again as it is now.
    if ('errors' in done) return attestationsPage(c, { [id]: { ...form, errors: { _form: t.errors.invalid } } }, 400);
    return seeOther(c, '/attestations?done=confirmed');
  });
