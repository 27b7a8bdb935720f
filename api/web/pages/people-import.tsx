/**
 * People from an HR export, for organisations without provisioning: like the supplier import, a preview (a dry
 * run: counts, what changes, and each rejected line with its reasons) first; only the confirmation writes, from
 * the same text.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { AppError } from '../../../core/errors.ts';
import { importPeople, type PeopleImportReport } from '../../../db/people-csv.ts';
import { now } from '../../http.ts';
import { ADMINS, page, type WebContext, type WebEnv } from '../env.ts';
import { readForm } from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { Csrf, ListTable } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';

const UploadForm: FC<{ error?: string }> = ({ error }) => {
  const { t } = useUi();
  return (
    <>
      <p>{t.peopleImport.intro}</p>
      {error && (
        <article role="alert">
          <p>{error}</p>
        </article>
      )}
      <form method="post" action="/people/import" enctype="multipart/form-data">
        <Csrf />
        <input type="hidden" name="action" value="preview" />
        <label for="f-file">{t.import.file}</label>
        <input id="f-file" type="file" name="file" accept=".csv,text/csv,text/plain" />
        <label for="f-text">{t.import.paste}</label>
        <textarea id="f-text" name="text" rows={6} />
        <button type="submit">{t.import.preview}</button>
      </form>
    </>
  );
};

const Report: FC<{ report: PeopleImportReport; csv?: string }> = ({ report, csv }) => {
  const { t } = useUi();
  const i = t.import;
  return (
    <>
      <article role="status">
        <h2>{csv === undefined ? i.resultTitle : i.previewTitle}</h2>
        <p>
          <strong>{i.counts(report.added, report.updated, report.unchanged, report.rejected.length)}</strong>
        </p>
        {csv !== undefined && report.added + report.updated > 0 && (
          <form method="post" action="/people/import">
            <Csrf />
            <input type="hidden" name="action" value="confirm" />
            {/* The previewed text goes back as it was, so what is confirmed is exactly what was shown. */}
            <input type="hidden" name="text" value={csv} />
            <button type="submit">{i.confirm}</button>
          </form>
        )}
        {csv !== undefined && report.added + report.updated === 0 && <p>{i.nothing}</p>}
      </article>
      {report.rejected.length > 0 && (
        <section aria-labelledby="rejected-title">
          <h2 id="rejected-title">{i.rejected}</h2>
          <ListTable
            cols={[i.line, t.people.name, i.reasons]}
            items={report.rejected}
            row={(r) => (
              <tr>
                <td>{r.line}</td>
                <td>{r.name}</td>
                <td>{r.errors.join('; ')}</td>
              </tr>
            )}
          />
        </section>
      )}
      {report.changes.length > 0 && (
        <section aria-labelledby="changes-title">
          <h2 id="changes-title">{i.changes}</h2>
          <ListTable
            cols={[i.line, i.action, t.people.name, i.fields]}
            items={report.changes}
            row={(ch) => (
              <tr>
                <td>{ch.line}</td>
                <td>{ch.action === 'add' ? i.add : i.update}</td>
                <td>{ch.personId ? <a href={`/people/${ch.personId}`}>{ch.name}</a> : ch.name}</td>
                <td>{ch.fields.join(', ')}</td>
              </tr>
            )}
          />
        </section>
      )}
      <p>
        <a href="/people/import">{t.peopleImport.again}</a>
      </p>
    </>
  );
};

const uploadPage = (c: WebContext, error?: string) =>
  renderPage(c, { title: textFor(c.var.lang).peopleImport.title, status: error ? 400 : 200 }, <UploadForm error={error} />);

export const peopleImportPages = new Hono<WebEnv>()
  .get('/people/import', page('The people import form (HR export as CSV)', ADMINS), (c) => uploadPage(c))
  .post('/people/import', page('Import people from an HR export: action=preview shows the changes, confirm writes them', ADMINS), async (c) => {
    const t = textFor(c.var.lang);
    const { values, files } = await readForm(c);
    const csv = files.file?.size ? await files.file.text() : (values.text ?? '');
    if (!csv.trim()) return uploadPage(c, t.import.noInput);
    const dryRun = values.action !== 'confirm';
    let report: PeopleImportReport;
    try {
      report = await importPeople(c.var.deps.db, now(c), c.var.caller.person.id, csv, { dryRun });
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid_csv') return uploadPage(c, t.peopleImport.badCsv);
      throw err;
    }
    return renderPage(c, { title: t.peopleImport.title }, <Report report={report} csv={dryRun ? csv : undefined} />);
  });
