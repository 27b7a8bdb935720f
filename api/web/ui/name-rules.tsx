/**
 * How each registered name will match, in the manager's words: beside the names on the supplier page and in the
 * supplier form, where a small script (name-rules-script.ts) keeps the list current as the manager types.
 */
import type { FC } from 'hono/jsx';
import type { NameMatchRule } from '../../../core/matcher/name-rules.ts';
import { nameRulesOf } from '../../../db/suppliers.ts';
import type { Dict } from '../text/index.ts';
import { useUi } from './context.ts';

function ruleText(t: Dict, r: NameMatchRule): string {
  const s = t.suppliers;
  if (r.rule !== 'context') return s.rule[r.rule];
  const why = (r.ambiguousAs ?? ['word']).map((a) => s.ambiguity[a] ?? a).join(' / ');
  return s.rule.context(why);
}

/** The names with their rule (db/suppliers.ts nameRulesOf), in words; the JSON endpoint answers the same. */
export const namesWithRules = (t: Dict, names: string[]) =>
  nameRulesOf(names).map((r) => ({ ...r, text: ruleText(t, r) }));

const NameRuleItems: FC<{ names: string[] }> = ({ names }) => {
  const { t } = useUi();
  return (
    <>
      {namesWithRules(t, names).map((r) => (
        <li data-rule={r.rule}>
          <strong>{r.name}</strong>: {r.text}
        </li>
      ))}
    </>
  );
};

/** On the supplier page. */
export const NameRuleList: FC<{ names: string[] }> = ({ names }) => (
  <ul class="name-rules">
    <NameRuleItems names={names} />
  </ul>
);

/**
 * In the form: the rules of the names as they stand (after a refused post, or when editing), and the script that
 * follows the typing. Without JavaScript the list shows what was saved.
 */
export const NameRulesLive: FC<{ names: string[] }> = ({ names }) => {
  const { t } = useUi();
  return (
    <section aria-labelledby="name-rules-title">
      <p id="name-rules-title">
        <strong>{t.suppliers.nameRules}</strong>
        <br />
        <small>{t.suppliers.nameRulesHint}</small>
      </p>
      <ul id="name-rules" aria-live="polite">
        <NameRuleItems names={names} />
      </ul>
      <script src="/assets/name-rules.js" defer></script>
    </section>
  );
};
