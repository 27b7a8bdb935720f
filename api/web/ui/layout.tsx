/** The frame of every page: language, title, the menu for the person's role, the language switch, sign-out. */
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import type { Role } from '../../../core/vocabulary.ts';
import { ADMINS, MANAGERS, sendPage, uiOf, type WebContext } from '../env.ts';
import type { Dict } from '../text/index.ts';
import { UiContext, useUi } from './context.ts';
import { Csrf } from './kit.tsx';

interface MenuItem {
  href: string;
  label: (t: Dict) => string;
  roles?: Role[];
}

const MENU: MenuItem[] = [
  { href: '/', label: (t) => t.nav.declarations },
  { href: '/declare', label: (t) => t.nav.declare },
  { href: '/attestations', label: (t) => t.nav.attestations },
  { href: '/suppliers', label: (t) => t.nav.suppliers },
  // Staff see the negotiations whose team they are on.
  { href: '/negotiations', label: (t) => t.nav.negotiations },
  { href: '/review', label: (t) => t.nav.review, roles: MANAGERS },
  { href: '/audit', label: (t) => t.nav.audit, roles: MANAGERS },
  { href: '/reports', label: (t) => t.nav.reports, roles: MANAGERS },
  { href: '/people', label: (t) => t.nav.people, roles: ADMINS },
  { href: '/policy', label: (t) => t.nav.policy, roles: ADMINS },
  { href: '/mail', label: (t) => t.nav.mail, roles: ADMINS },
  { href: '/account', label: (t) => t.nav.account },
];

const current = (here: string, href: string) => {
  const path = here.split('?')[0];
  const hit =
    href === '/' ? path === '/' || path.startsWith('/declarations') : path === href || path.startsWith(`${href}/`);
  return hit ? 'page' : undefined;
};

/** The site bar (name, language, sign-out) and, below it, the menu of what the person's role may open. */
const Header: FC = () => {
  const { t, person, here } = useUi();
  const other = t.nav.otherLang;
  const switchHref = `/lang?to=${other}&next=${encodeURIComponent(here)}`;
  return (
    <header class="container">
      <nav aria-label="Zuiver">
        <ul>
          <li>
            <a href="/">
              <strong>Zuiver</strong>
            </a>
          </li>
        </ul>
        <ul>
          <li>
            <a href={switchHref} lang={other} hreflang={other}>
              {t.nav.otherLanguage}
            </a>
          </li>
          {person && (
            <li>
              <form method="post" action="/logout">
                <Csrf />
                <button type="submit" class="secondary outline">
                  {t.nav.signOut}
                </button>
              </form>
            </li>
          )}
        </ul>
      </nav>
      {person && (
        <nav aria-label={t.nav.label}>
          <ul>
            {MENU.filter((m) => !m.roles || m.roles.includes(person.role)).map((m) => (
              <li>
                <a href={m.href} aria-current={current(here, m.href)}>
                  {m.label(t)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
};

interface PageOptions {
  title: string;
  /** A confirmation after a redirect ("saved"), announced politely to screen readers. */
  flash?: string;
  status?: Parameters<typeof sendPage>[2];
  /** Reload this same-site address at once (see the sign-in bounce in errors.tsx). */
  refresh?: string;
}

const Layout: FC<PropsWithChildren<PageOptions>> = ({ title, flash, refresh, children }) => {
  const { lang, t, person } = useUi();
  return (
    <html lang={lang} data-theme="light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        {refresh && <meta http-equiv="refresh" content={`0;url=${refresh}`} />}
        <title>{`${title} · Zuiver`}</title>
        <link rel="stylesheet" href="/assets/style.css" />
      </head>
      <body>
        <Header />
        <main class="container">
          {flash && (
            <article role="status">
              <p>{flash}</p>
            </article>
          )}
          <h1>{title}</h1>
          {children}
        </main>
        <footer class="container">
          <small>{person ? t.nav.signedInAs(person.name) : 'Zuiver'}</small>
        </footer>
      </body>
    </html>
  );
};

/** Renders `body` inside the frame for the person behind `c`. */
export function renderPage(c: WebContext, options: PageOptions, body: Child) {
  return sendPage(
    c,
    <UiContext.Provider value={uiOf(c)}>
      <Layout {...options}>{body}</Layout>
    </UiContext.Provider>,
    options.status,
  );
}
