/**
 * Who is kept out of a negotiation, and why: the list and the form that adds one, with a person search that works
 * without JavaScript. Only for the negotiation's owner and managers, as in the API.
 */
import type { FC } from 'hono/jsx';
import type { recusalsOf } from '../../../db/negotiations.ts';
import type { Person } from '../../../db/people.ts';
import type { FormState } from '../form.ts';
import { useUi } from './context.ts';
import { ErrorSummary, TextArea } from './fields.tsx';
import { Csrf, DateText } from './kit.tsx';

type Recusal = Awaited<ReturnType<typeof recusalsOf>>[number];

export interface RecusalsProps {
  negotiationId: string;
  recusals: Recusal[];
  recusalForm: FormState;
  people?: { q: string; found: Person[] };
}

const RecusalForm: FC<Omit<RecusalsProps, 'recusals'>> = ({ negotiationId, recusalForm, people }) => {
  const { t } = useUi();
  const r = t.negotiations;
  const error = recusalForm.errors.personId;
  return (
    <>
      <h3>{r.addRecusal}</h3>
      <form method="get" action={`/negotiations/${negotiationId}`}>
        <label for="f-person">{r.personSearch}</label>
        <div role="group">
          <input id="f-person" type="search" name="person" value={people?.q ?? ''} />
          <button type="submit" class="secondary">
            {t.common.search}
          </button>
        </div>
      </form>
      <ErrorSummary form={recusalForm} />
      <form method="post" action={`/negotiations/${negotiationId}/recusals`}>
        <Csrf />
        <fieldset aria-describedby={error ? 'person-error' : undefined}>
          <legend>{r.person}</legend>
          {people?.found.map((p) => (
            <label>
              <input type="radio" name="personId" value={p.id} checked={recusalForm.values.personId === p.id} />
              {`${p.name} · ${p.email}`}
            </label>
          ))}
          {people && !people.found.length && <p>{r.noPeople}</p>}
          {error && <small id="person-error">{error}</small>}
        </fieldset>
        <TextArea form={recusalForm} name="reason" label={r.reason} required />
        <button type="submit">{r.record}</button>
      </form>
    </>
  );
};

export const Recusals: FC<RecusalsProps> = (p) => {
  const { t } = useUi();
  const r = t.negotiations;
  return (
    <section aria-labelledby="recusals-title">
      <h2 id="recusals-title">{r.recusals}</h2>
      {p.recusals.length ? (
        <ul>
          {p.recusals.map((x) => (
            <li>
              <strong>{x.personName}</strong>: {x.reason}{' '}
              <small>
                (<DateText value={x.createdAt} />)
              </small>
            </li>
          ))}
        </ul>
      ) : (
        <p>{r.noRecusals}</p>
      )}
      <RecusalForm negotiationId={p.negotiationId} recusalForm={p.recusalForm} people={p.people} />
    </section>
  );
};
