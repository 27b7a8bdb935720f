/** The audit trail for managers: filtered and paged on the server, with the result of the hash-chain check on top. */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { listAudit, verifyAudit } from '../../../db/audit.ts';
import { namesOf } from '../../../db/people.ts';
import { auditQuery } from '../../schemas/audit.ts';
import { MANAGERS, page, type WebEnv } from '../env.ts';
import { formState, parseWith, readPaging, text, type FormState } from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { ErrorSummary, Field, Select } from '../ui/fields.tsx';
import { DateTimeText, ListTable, Pagination } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';

type Row = Awaited<ReturnType<typeof listAudit>>['items'][number];
const ENTITIES = [
  'person',
  'token',
  'session',
  'supplier',
  'negotiation',
  'declaration',
  'policy',
  'campaign',
  'attestation',
] as const;
const LINKED: Record<string, string> = {
  declaration: '/declarations/',
  supplier: '/suppliers/',
  negotiation: '/negotiations/',
};
const AUDIT_PAGE_SIZE = 50;

interface AuditProps {
  rows: Row[];
  names: Map<string, string>;
  total: number;
  page: number;
  chain: { ok: boolean; rows: number; firstBadSeq?: number };
  filters: FormState;
}

const Filters: FC<{ form: FormState; actorName?: string }> = ({ form, actorName }) => {
  const { t } = useUi();
  const a = t.audit;
  return (
    <form method="get" action="/audit">
      {form.values.actorId && (
        <p>
          {a.actor}: <strong>{actorName ?? form.values.actorId}</strong> · <a href="/audit">{a.anyActor}</a>
          <input type="hidden" name="actorId" value={form.values.actorId} />
        </p>
      )}
      <div class="grid">
        <div>
          <Select
            form={form}
            name="entity"
            label={a.entity}
            options={[['', t.common.all], ...ENTITIES.map((e): [string, string] => [e, t.enums.entity[e]])]}
          />
        </div>
        <div>
          <Field form={form} name="action" label={a.action} />
        </div>
        <div>
          <Field form={form} name="from" type="date" label={a.from} />
        </div>
        <div>
          <Field form={form} name="to" type="date" label={a.to} />
        </div>
      </div>
      <button type="submit" class="secondary">
        {t.common.filter}
      </button>
    </form>
  );
};

const AuditTrail: FC<AuditProps> = ({ rows, names, total, page, chain, filters }) => {
  const { t } = useUi();
  const a = t.audit;
  return (
    <>
      <p>{a.intro}</p>
      <article role="status">
        <p>
          <strong>{chain.ok ? a.chainOk(chain.rows) : a.chainBroken(chain.firstBadSeq ?? 0)}</strong>
        </p>
      </article>
      <ErrorSummary form={filters} />
      <Filters form={filters} actorName={filters.values.actorId ? names.get(filters.values.actorId) : undefined} />
      <ListTable
        cols={[a.cols.seq, a.cols.at, a.cols.actor, a.cols.action, a.cols.entity, a.cols.fields]}
        items={rows}
        empty={a.empty}
        row={(r) => (
          <tr>
            <td>{r.seq}</td>
            <td>
              <DateTimeText value={r.at} />
            </td>
            <td>
              {r.actorId ? (
                <a href={`/audit?actorId=${encodeURIComponent(r.actorId)}`}>{names.get(r.actorId) ?? r.actorId}</a>
              ) : (
                a.system
              )}
            </td>
            <td>{r.action}</td>
            <td>
              {t.enums.entity[r.entity as keyof typeof t.enums.entity] ?? r.entity}
              {r.entityId && LINKED[r.entity] && (
                <>
                  {' '}
                  <a href={`${LINKED[r.entity]}${r.entityId}`}>{r.entityId.slice(0, 8)}</a>
                </>
              )}
            </td>
            <td>{r.fields.join(', ')}</td>
          </tr>
        )}
      />
      <Pagination page={page} pageSize={AUDIT_PAGE_SIZE} total={total} />
    </>
  );
};

export const auditPages = new Hono<WebEnv>().get(
  '/audit',
  page('The audit trail with filters and the chain check', MANAGERS),
  async (c) => {
    const t = textFor(c.var.lang);
    const { db } = c.var.deps;
    const paging = readPaging(c, AUDIT_PAGE_SIZE);
    const q = c.req.query();
    const raw = {
      actorId: text(q.actorId),
      entity: text(q.entity),
      action: text(q.action),
      from: text(q.from),
      to: text(q.to),
    };
    const filters = formState(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v ?? ''])));
    const parsed = parseWith(auditQuery, { ...raw, limit: paging.limit, offset: paging.offset }, t);
    const [chain, { items, total }] = await Promise.all([
      verifyAudit(db),
      'errors' in parsed ? { items: [], total: 0 } : listAudit(db, parsed.data),
    ]);
    const names = await namesOf(db, [
      ...items.flatMap((r) => (r.actorId ? [r.actorId] : [])),
      ...(raw.actorId ? [raw.actorId] : []),
    ]);
    return renderPage(
      c,
      { title: t.audit.title, status: 'errors' in parsed ? 400 : 200 },
      <AuditTrail
        rows={items}
        names={names}
        total={total}
        page={paging.page}
        chain={chain}
        filters={'errors' in parsed ? { ...filters, errors: parsed.errors } : filters}
      />,
    );
  },
);
