/**
 * A negotiation's team on its page: who is on it and how each declared (for its owner and managers, who add,
 * remove and keep out in one step), and the signed-in member's own declaration form with their live
 * declarations about the supplier shown first. `loadTeamPanel` gathers what it shows, as viewTeam cuts it.
 */
import type { FC } from 'hono/jsx';
import { viewTeam } from '../../../core/team.ts';
import type { DeclarationRow } from '../../../db/declarations.ts';
import { mayChangeNegotiation } from '../../../core/access.ts';
import type { Negotiation } from '../../../db/negotiations.ts';
import { getPerson, listPeople, type Person } from '../../../db/people.ts';
import { liveConflictsWith, teamOf } from '../../../db/team.ts';
import { actorOf, now } from '../../http.ts';
import type { WebContext } from '../env.ts';
import { formState, searchTerm, withChosen, type FormState } from '../form.ts';
import { useUi } from './context.ts';
import { ErrorSummary, Radios, TextArea } from './fields.tsx';
import { Csrf, DateText } from './kit.tsx';

/** A member as viewTeam gives them: standing and declaration only where the viewer may see them. */
export interface TeamRow {
  personId: string;
  name: string;
  state?: string;
  declaration?: { conflict: boolean; note: string | null; createdAt: string };
}

export interface TeamPanelProps {
  negotiationId: string;
  ownerId: string;
  team: TeamRow[];
  /** The owner or a manager: adds, removes and keeps out. */
  runs: boolean;
  open: boolean;
  meId: string;
  live: DeclarationRow[];
  addForm: FormState;
  declarationForm: FormState;
  candidates?: { q: string; found: Person[] };
}

const MemberRow: FC<{ m: TeamRow } & Pick<TeamPanelProps, 'negotiationId' | 'ownerId' | 'runs' | 'open'>> = ({
  m,
  negotiationId,
  ownerId,
  runs,
  open,
}) => {
  const { t } = useUi();
  const r = t.negotiations.team;
  const isOwner = m.personId === ownerId;
  return (
    <li data-person={m.personId}>
      <strong>{m.name}</strong>
      {isOwner && ` (${r.owner})`}
      {m.state && <> · {r.state[m.state]}</>}
      {m.declaration && (
        <>
          {' '}
          <small>
            (<DateText value={m.declaration.createdAt} />)
          </small>
          {m.declaration.note && <> · {m.declaration.note}</>}
        </>
      )}
      {runs && open && m.state === 'to_keep_out' && (
        <form method="post" action={`/negotiations/${negotiationId}/recusals`}>
          <Csrf />
          <input type="hidden" name="personId" value={m.personId} />
          <label>
            {r.keepOutReason(m.name)}
            <textarea name="reason" rows={2} required>
              {m.declaration?.note ?? r.keepOutDefault}
            </textarea>
          </label>
          <button type="submit">{r.keepOut}</button>
        </form>
      )}
      {runs && open && !isOwner && (
        <form method="post" action={`/negotiations/${negotiationId}/team/${m.personId}/remove`}>
          <Csrf />
          <button type="submit" class="secondary outline">
            {r.remove}
          </button>
        </form>
      )}
    </li>
  );
};

const AddMember: FC<Pick<TeamPanelProps, 'negotiationId' | 'addForm' | 'candidates'>> = ({
  negotiationId,
  addForm,
  candidates,
}) => {
  const { t } = useUi();
  const r = t.negotiations.team;
  const error = addForm.errors.personId;
  return (
    <>
      <h3>{r.add}</h3>
      <form method="get" action={`/negotiations/${negotiationId}`}>
        <label for="f-member">{r.search}</label>
        <div role="group">
          <input id="f-member" type="search" name="member" value={candidates?.q ?? ''} />
          <button type="submit" class="secondary">
            {t.common.search}
          </button>
        </div>
      </form>
      {candidates && (
        <form method="post" action={`/negotiations/${negotiationId}/team`}>
          <Csrf />
          <fieldset aria-describedby={error ? 'member-error' : undefined}>
            <legend>{t.negotiations.person}</legend>
            {candidates.found.map((p) => (
              <label>
                <input type="radio" name="personId" value={p.id} checked={addForm.values.personId === p.id} />
                {`${p.name} · ${p.email}`}
              </label>
            ))}
            {!candidates.found.length && <p>{t.negotiations.noPeople}</p>}
            {error && <small id="member-error">{error}</small>}
          </fieldset>
          <button type="submit">{r.addButton}</button>
        </form>
      )}
    </>
  );
};

const OwnDeclaration: FC<Pick<TeamPanelProps, 'negotiationId' | 'team' | 'meId' | 'live' | 'declarationForm'>> = ({
  negotiationId,
  team,
  meId,
  live,
  declarationForm,
}) => {
  const { t } = useUi();
  const r = t.negotiations.team;
  const mine = team.find((m) => m.personId === meId)?.declaration;
  return (
    <section aria-labelledby="declare-title">
      <h3 id="declare-title">{r.declareTitle}</h3>
      <p>
        {mine ? (
          <>
            {r.last}: {mine.conflict ? r.conflict : r.noConflict} (<DateText value={mine.createdAt} />)
            {mine.note && <> · {mine.note}</>}
          </>
        ) : (
          r.notDeclared
        )}
      </p>
      {live.length > 0 && (
        <article>
          <p>{r.live}</p>
          <ul>
            {live.map((d) => (
              <li>
                <a href={`/declarations/${d.id}`}>{t.enums.kind[d.kind]}</a>
                {d.relation && ` · ${d.relation}`}
                {d.description && ` · ${d.description}`}
              </li>
            ))}
          </ul>
          <small>{r.liveHint}</small>
        </article>
      )}
      <ErrorSummary form={declarationForm} />
      <form method="post" action={`/negotiations/${negotiationId}/declaration`}>
        <Csrf />
        <Radios
          form={declarationForm}
          name="conflict"
          label={r.choice}
          options={[
            ['no', r.noConflict],
            ['yes', r.conflict],
          ]}
        />
        <TextArea form={declarationForm} name="note" label={r.note} />
        <button type="submit">{r.submit}</button>
      </form>
    </section>
  );
};

export const TeamPanel: FC<TeamPanelProps> = (p) => {
  const { t } = useUi();
  const r = t.negotiations.team;
  const member = p.team.some((m) => m.personId === p.meId);
  return (
    <section aria-labelledby="team-title">
      <h2 id="team-title">{r.title}</h2>
      <p>{r.intro}</p>
      <ul>
        {p.team.map((m) => (
          <MemberRow m={m} negotiationId={p.negotiationId} ownerId={p.ownerId} runs={p.runs} open={p.open} />
        ))}
      </ul>
      {member && p.open && <OwnDeclaration {...p} />}
      {p.runs && p.open && <AddMember {...p} />}
    </section>
  );
};

/** The team part of the page: none for a viewer who sees no team, as in the API. */
export async function loadTeamPanel(
  c: WebContext,
  n: Negotiation,
  view: { addForm?: FormState; declarationForm?: FormState },
): Promise<TeamPanelProps | undefined> {
  const { db } = c.var.deps;
  const me = actorOf(c);
  const team = viewTeam(await teamOf(db, n.id), me, n.ownerId);
  if (!team) return undefined;
  const member = team.some((m) => m.personId === me.id);
  const live = member ? await liveConflictsWith(db, now(c), me.id, n.supplierId) : [];
  const runs = mayChangeNegotiation(n, me);
  const q = runs ? searchTerm(c.req.query('member')) : undefined;
  const found = q
    ? (await listPeople(db, { q, limit: 10, offset: 0 })).items.filter(
        (p) => p.active && !team.some((m) => m.personId === p.id),
      )
    : [];
  const candidates = await withChosen(found, view.addForm?.values.personId, (pid) => getPerson(db, pid));
  const own = team.find((m) => m.personId === me.id)?.declaration;
  // A live declaration pre-fills "conflict"; otherwise the member's latest answer is shown again.
  const prefill = own ? (own.conflict ? 'yes' : 'no') : live.length ? 'yes' : '';
  return {
    negotiationId: n.id,
    ownerId: n.ownerId,
    team,
    runs,
    open: n.status === 'open',
    meId: me.id,
    live,
    addForm: view.addForm ?? formState(),
    declarationForm: view.declarationForm ?? formState({ conflict: prefill }),
    candidates: q || candidates.length ? { q: q ?? '', found: candidates } : undefined,
  };
}
