/** How typed names will match, as JSON for the supplier form's script (ui/name-rules-script.ts) as the manager types. */
import { Hono } from 'hono';
import { MANAGERS, page, type WebEnv } from '../env.ts';
import { textFor } from '../text/index.ts';
import { namesWithRules } from '../ui/name-rules.tsx';

/** As many names as a supplier may have (the legal name and 50 aliases), each as long as one may be. */
const MAX_NAMES = 51;
const MAX_NAME = 200;

export const nameRulePages = new Hono<WebEnv>()
  // Before /suppliers/:id, which would otherwise take "name-rules" for an id.
  .get(
    '/suppliers/name-rules',
    page('How typed names will match (JSON, for the supplier form as the manager types)', MANAGERS),
    (c) => {
      const names = [...(c.req.queries('name') ?? []), ...(c.req.queries('alias') ?? [])]
        .slice(0, MAX_NAMES)
        .map((n) => n.slice(0, MAX_NAME));
      c.header('Cache-Control', 'private, no-store');
      return c.json({ items: namesWithRules(textFor(c.var.lang), names) });
    },
  );
