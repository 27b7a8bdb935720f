/**
 * Mail in the web UI: each person's choices (the language of their mails; for managers, one daily digest instead
 * of a mail per declaration) and, for admins, whether mail goes out and which mails keep failing.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { getMailSettings, setMailSettings, type MailSettings } from '../../../db/mail-settings.ts';
import { failingMails } from '../../../db/outbox.ts';
import { writeTx } from '../../../db/write.ts';
import { now } from '../../http.ts';
import { ADMINS, flashOf, MANAGERS, page, seeOther, type WebEnv } from '../env.ts';
import { checked, formState, oneOf, readForm, readPaging } from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { Checkbox, Select } from '../ui/fields.tsx';
import { Csrf, DateTimeText, ListTable, Pagination } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';

const SettingsForm: FC<{ settings: MailSettings; manages: boolean }> = ({ settings, manages }) => {
  const { t } = useUi();
  const form = formState({ language: settings.language, reviewDigest: settings.reviewDigest ? 'on' : '' });
  return (
    <form method="post" action="/account/mail">
      <Csrf />
      <Select
        form={form}
        name="language"
        label={t.mail.language}
        options={[
          ['nl', 'Nederlands'],
          ['en', 'English'],
        ]}
      />
      {manages && <Checkbox form={form} name="reviewDigest" label={t.mail.digest} />}
      <button type="submit">{t.common.save}</button>
    </form>
  );
};

type Failing = Awaited<ReturnType<typeof failingMails>>;

const Outbox: FC<{ configured: boolean; failing: Failing; page: number; pageSize: number }> = ({
  configured,
  failing,
  page,
  pageSize,
}) => {
  const { t } = useUi();
  const c = t.mail.cols;
  return (
    <>
      <p>{configured ? t.mail.on : t.mail.off}</p>
      <p>{t.mail.waiting(failing.waiting)}</p>
      <h2>{t.mail.failingTitle}</h2>
      <ListTable
        cols={[c.recipient, c.template, c.attempts, c.error, c.next]}
        items={failing.items}
        empty={t.mail.noFailures}
        row={(m) => (
          <tr>
            <td>{m.recipient}</td>
            <td>{m.template}</td>
            <td>{m.attempts}</td>
            <td>{m.lastError}</td>
            <td>
              <DateTimeText value={m.nextAttemptAt} />
            </td>
          </tr>
        )}
      />
      <Pagination page={page} pageSize={pageSize} total={failing.total} />
    </>
  );
};

export const mailPages = new Hono<WebEnv>()
  .get('/account/mail', page('Your mail choices: language, and the daily review digest', 'any'), async (c) => {
    const t = textFor(c.var.lang);
    const settings = await getMailSettings(c.var.deps.db, c.var.caller.person.id);
    const manages = MANAGERS.includes(c.var.caller.person.role);
    return renderPage(
      c,
      { title: t.mail.settingsTitle, flash: flashOf(c, { saved: t.mail.saved }) },
      <SettingsForm settings={settings} manages={manages} />,
    );
  })
  .post('/account/mail', page('Change your mail choices', 'any'), async (c) => {
    const { values } = await readForm(c);
    const me = c.var.caller.person;
    const changes = {
      language: oneOf(values.language, ['nl', 'en'] as const),
      ...(MANAGERS.includes(me.role) ? { reviewDigest: checked(values.reviewDigest) } : {}),
    };
    await writeTx(c.var.deps.db, (tx) => setMailSettings(tx, now(c), me.id, changes));
    return seeOther(c, '/account/mail?done=saved');
  })
  .get('/mail', page('Whether mail goes out, and the mails that keep failing', ADMINS), async (c) => {
    const t = textFor(c.var.lang);
    const paging = readPaging(c);
    const failing = await failingMails(c.var.deps.db, { limit: paging.limit, offset: paging.offset });
    return renderPage(
      c,
      { title: t.mail.title },
      <Outbox
        configured={!!c.var.deps.mail?.configured}
        failing={failing}
        page={paging.page}
        pageSize={paging.pageSize}
      />,
    );
  });
