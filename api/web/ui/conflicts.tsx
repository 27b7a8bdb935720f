/** A supplier's conflicts exactly as the watchlist gives them to this person: cut to what their role may see. */
import type { FC } from 'hono/jsx';
import type { Conflict } from '../../../core/types.ts';
import { useUi } from './context.ts';
import { DateText } from './kit.tsx';

export const ConflictList: FC<{ conflicts: Conflict[] }> = ({ conflicts }) => {
  const { t } = useUi();
  if (!conflicts.length)
    return (
      <article>
        <p>{t.suppliers.noConflicts}</p>
      </article>
    );
  return (
    <>
      {conflicts.map((c) => (
        <article>
          <header>
            <strong>{t.enums.conflict[c.kind]}</strong> · {t.common.since} <DateText value={c.since} />
          </header>
          <p>{c.summary}</p>
          {c.declarants && (
            <p>
              {t.suppliers.declarants}: {c.declarants.join(', ')}
            </p>
          )}
          {c.details && (
            <ul>
              {c.details.map((d) => (
                <li>
                  <a href={`/declarations/${d.declarationId}`}>
                    {t.enums.kind[d.kind as keyof typeof t.enums.kind] ?? d.kind}
                  </a>
                  {d.declarant && ` · ${d.declarant}`}
                  {d.relation && ` · ${d.relation}`} ·{' '}
                  {t.enums.status[d.status as keyof typeof t.enums.status] ?? d.status}
                </li>
              ))}
            </ul>
          )}
          <footer>
            <small>{c.advice}</small>
          </footer>
        </article>
      ))}
    </>
  );
};
