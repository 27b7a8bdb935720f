/**
 * One negotiation as its page shows it: the facts, its supplier's conflicts, its team, and for its owner or a
 * manager the forms to change its stage and status and to keep colleagues out of it.
 */
import type { FC } from 'hono/jsx';
import type { Conflict } from '../../../core/types.ts';
import { NEGOTIATION_STATUSES, STAGES } from '../../../core/vocabulary.ts';
import type { Negotiation } from '../../../db/negotiations.ts';
import type { FormState } from '../form.ts';
import { ConflictList } from './conflicts.tsx';
import { useUi } from './context.ts';
import { ErrorSummary, Select } from './fields.tsx';
import { Csrf, DateText, Facts } from './kit.tsx';
import { Recusals, type RecusalsProps } from './recusals.tsx';
import { TeamPanel, type TeamPanelProps } from './team-panel.tsx';

interface DetailProps {
  n: Negotiation;
  supplierName: string;
  ownerName: string;
  conflicts: Conflict[];
  recusals: RecusalsProps['recusals'];
  mayChange: boolean;
  changeForm: FormState;
  recusalForm: FormState;
  people?: RecusalsProps['people'];
  /** Left out for a viewer who may not see the team. */
  team?: TeamPanelProps;
}

export const NegotiationDetail: FC<DetailProps> = (p) => {
  const { t } = useUi();
  const r = t.negotiations;
  const { n } = p;
  return (
    <>
      <Facts
        rows={[
          [r.subject, n.subject],
          [r.cols.supplier, <a href={`/suppliers/${n.supplierId}`}>{p.supplierName}</a>],
          [
            r.stage,
            <>
              {t.enums.stage[n.stage]} · {t.enums.negotiationStatus[n.status]}
            </>,
          ],
          [r.owner, p.ownerName],
          [
            r.openedOn,
            <>
              <DateText value={n.openedOn} />
              {n.closedOn && (
                <>
                  {' '}
                  · {r.closedOn} <DateText value={n.closedOn} />
                </>
              )}
            </>,
          ],
        ]}
      />
      <section aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">{t.suppliers.conflicts}</h2>
        <ConflictList conflicts={p.conflicts} />
      </section>
      {p.team && <TeamPanel {...p.team} />}
      {p.mayChange ? (
        <section aria-labelledby="change-title">
          <h2 id="change-title">{r.change}</h2>
          <ErrorSummary form={p.changeForm} />
          <form method="post" action={`/negotiations/${n.id}`}>
            <Csrf />
            <div class="grid">
              <div>
                <Select
                  form={p.changeForm}
                  name="stage"
                  label={r.stage}
                  options={STAGES.map((s) => [s, t.enums.stage[s]])}
                />
              </div>
              <div>
                <Select
                  form={p.changeForm}
                  name="status"
                  label={r.status}
                  options={NEGOTIATION_STATUSES.map((s) => [s, t.enums.negotiationStatus[s]])}
                />
              </div>
            </div>
            <button type="submit">{t.common.save}</button>
          </form>
        </section>
      ) : (
        <p>{r.notOwner}</p>
      )}
      {p.mayChange && (
        <Recusals negotiationId={n.id} recusals={p.recusals} recusalForm={p.recusalForm} people={p.people} />
      )}
    </>
  );
};
