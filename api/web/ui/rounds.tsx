/** Every round of a declaration's review, oldest first: declared, each decision or question, each edit. */
import type { FC } from 'hono/jsx';
import type { RoundRow } from '../../../db/rounds.ts';
import { useUi } from './context.ts';
import { DateTimeText } from './kit.tsx';

export const Rounds: FC<{ createdAt: string; rounds: RoundRow[]; names: Map<string, string> }> = ({
  createdAt,
  rounds,
  names,
}) => {
  const { t } = useUi();
  const fields = t.declarations.fields as Record<string, string>;
  return (
    <section aria-labelledby="rounds-title">
      <h2 id="rounds-title">{t.rounds.title}</h2>
      <ol>
        <li>
          <DateTimeText value={createdAt} /> · {t.rounds.created}
        </li>
        {rounds.map((r) => (
          <li>
            <DateTimeText value={r.at} /> · {r.action === 'edited' ? t.rounds.edited : t.enums.status[r.action]}
            {r.actorId && names.get(r.actorId) && ` (${names.get(r.actorId)})`}
            {r.note && (
              <>
                {' '}
                · {r.action === 'needs_info' ? t.rounds.question : t.declarations.note}: <q>{r.note}</q>
              </>
            )}
            {r.fields.length > 0 && ` · ${t.rounds.changed}: ${r.fields.map((f) => fields[f] ?? f).join(', ')}`}
          </li>
        ))}
      </ol>
    </section>
  );
};
