/**
 * A CSV import as the registry shows one (suppliers from the ERP, people from HR): an upload form, then a preview
 * (a dry run: counts, what changes, and each rejected line with its reasons); only the confirmation writes, from
 * the same text.
 */
import type { Handler } from 'hono';
import type { FC } from 'hono/jsx';
import { decodeCsv } from '../../../core/csv.ts';
import { DomainError } from '../../../core/errors.ts';
import type { WebContext, WebEnv } from '../env.ts';
import { readForm } from '../form.ts';
import { textFor, type Dict } from '../text/index.ts';
import { useUi } from './context.ts';
import { Csrf, ListTable } from './kit.tsx';
import { renderPage } from './layout.tsx';

export interface CsvImportReport {
  added: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; name: string; errors: string[] }[];
  changes: { line: number; action: 'add' | 'update'; name: string; fields: string[] }[];
}

/** What one import differs in: where it lives, its texts, how it runs, and where a changed row is shown. */
export interface CsvImport<R extends CsvImportReport> {
  path: string;
  texts: (t: Dict) => { title: string; intro: string; badCsv: string; again: string; name: string };
  run: (c: WebContext, csv: string, dryRun: boolean) => Promise<R>;
  link: (change: R['changes'][number]) => string | undefined;
}

const UploadForm: FC<{ path: string; intro: string; error?: string }> = ({ path, intro, error }) => {
  const { t } = useUi();
  return (
    <>
      <p>{intro}</p>
      {error && (
        <article role="alert">
          <p>{error}</p>
        </article>
      )}
      <form method="post" action={path} enctype="multipart/form-data">
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

const Report: FC<{
  report: CsvImportReport;
  csv?: string;
  path: string;
  name: string;
  again: string;
  link: (change: CsvImportReport['changes'][number]) => string | undefined;
}> = ({ report, csv, path, name, again, link }) => {
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
          <form method="post" action={path}>
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
            cols={[i.line, name, i.reasons]}
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
            cols={[i.line, i.action, name, i.fields]}
            items={report.changes}
            row={(ch) => {
              const href = link(ch);
              return (
                <tr>
                  <td>{ch.line}</td>
                  <td>{ch.action === 'add' ? i.add : i.update}</td>
                  <td>{href ? <a href={href}>{ch.name}</a> : ch.name}</td>
                  <td>{ch.fields.join(', ')}</td>
                </tr>
              );
            }}
          />
        </section>
      )}
      <p>
        <a href={path}>{again}</a>
      </p>
    </>
  );
};

/** The GET (upload form) and POST (preview, or confirm) handlers of one import. */
export function csvImportHandlers<R extends CsvImportReport>(im: CsvImport<R>) {
  const uploadPage = (c: WebContext, error?: string) => {
    const texts = im.texts(textFor(c.var.lang));
    return renderPage(
      c,
      { title: texts.title, status: error ? 400 : 200 },
      <UploadForm path={im.path} intro={texts.intro} error={error} />,
    );
  };
  const form: Handler<WebEnv> = (c) => uploadPage(c);
  const post: Handler<WebEnv> = async (c) => {
    const t = textFor(c.var.lang);
    const texts = im.texts(t);
    const { values, files } = await readForm(c);
    const csv = files.file?.size ? decodeCsv(await files.file.arrayBuffer()) : (values.text ?? '');
    if (!csv.trim()) return uploadPage(c, t.import.noInput);
    const dryRun = values.action !== 'confirm';
    let report: R;
    try {
      report = await im.run(c, csv, dryRun);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid_csv') return uploadPage(c, texts.badCsv);
      throw err;
    }
    const link = im.link as CsvImport<CsvImportReport>['link'];
    return renderPage(
      c,
      { title: texts.title },
      <Report
        report={report}
        csv={dryRun ? csv : undefined}
        path={im.path}
        name={texts.name}
        again={texts.again}
        link={link}
      />,
    );
  };
  return { form, post };
}
