import { browser } from 'wxt/browser';
import { el, formatDateTime } from '../../shared/dom.ts';
import { kindLabel, t } from '../../shared/i18n.ts';
import { sendToBackground, type SiteState } from '../../shared/messaging.ts';
import type { SyncStatus } from '../../shared/messaging.ts';

const app = document.querySelector<HTMLElement>('#app')!;
document.documentElement.lang = browser.i18n.getUILanguage();

function statusLine(status: SyncStatus): string {
  if (!status.signedIn) return t('statusSignedOut');
  if (status.expired) return t('statusExpired');
  if (status.checkedAt === null) return status.error ? t('statusNoCopy') : t('statusSyncing');
  if (status.error) return t('statusStale', formatDateTime(status.checkedAt));
  return t('statusFresh', [formatDateTime(status.checkedAt), String(status.suppliers)]);
}

function siteSection(site: SiteState, tabId: number | undefined): HTMLElement {
  if (!site.pattern || !site.host) return el(document, 'p', { class: 'muted' }, t('siteUnavailable'));
  const host = site.host;
  if (!site.enabled && !site.addable) return el(document, 'p', { class: 'muted' }, t('siteManaged'));
  if (!site.enabled) {
    const enable = el(document, 'button', { type: 'button', id: 'site-enable' }, t('siteEnable', host));
    enable.addEventListener('click', async () => {
      // The permission prompt must come straight from the click: nothing may be awaited before it.
      const granted = await browser.permissions.request({ origins: [site.pattern!] });
      if (!granted) return;
      await sendToBackground('addSite', { pattern: site.pattern!, tabId });
      await render();
    });
    return el(document, 'p', {}, enable);
  }
  const toggle = el(document, 'input', { type: 'checkbox', role: 'switch', id: 'site-active' });
  toggle.checked = !site.paused;
  toggle.addEventListener('change', async () => {
    await sendToBackground('setPaused', { host, paused: !toggle.checked });
    await render();
  });
  return el(document, 'p', {}, el(document, 'label', { for: 'site-active' }, toggle, ' ', t('siteActive', host)));
}

async function render(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const [status, site, flagged] = await Promise.all([
    sendToBackground('status'),
    sendToBackground('siteState', tab?.url ?? ''),
    tab?.id === undefined ? null : sendToBackground('tabFlags', tab.id),
  ]);

  const sync = el(document, 'button', { type: 'button', id: 'sync-now' }, t('syncNow'));
  sync.addEventListener('click', async () => {
    sync.disabled = true;
    await sendToBackground('syncNow');
    await render();
  });
  const settings = el(document, 'button', { type: 'button', class: 'secondary' }, t('openOptions'));
  settings.addEventListener('click', () => void browser.runtime.openOptionsPage());

  const suppliers = flagged?.suppliers ?? [];
  const parts: Array<Node | null | false> = [
    el(document, 'h1', {}, t('extName')),
    el(
      document,
      'p',
      { class: status.error || status.expired ? 'warning' : 'muted', id: 'sync-status' },
      statusLine(status),
    ),
    status.person && el(document, 'p', { class: 'muted' }, t('signedInAs', [status.person.name, status.person.email])),
    el(document, 'p', { class: 'actions' }, status.signedIn && sync, settings),
    siteSection(site, tab?.id),
    el(document, 'h2', {}, t('flaggedHere', String(suppliers.length))),
    suppliers.length
      ? el(
          document,
          'ul',
          { class: 'suppliers' },
          ...suppliers.map((s) =>
            el(
              document,
              'li',
              {},
              el(document, 'strong', {}, s.name),
              el(
                document,
                'ul',
                {},
                ...s.conflicts.map((c) =>
                  el(document, 'li', { class: `kind ${c.kind}` }, `${kindLabel(c.kind)}: ${c.summary}`),
                ),
              ),
            ),
          ),
        )
      : el(document, 'p', { class: 'muted' }, t('flaggedNone')),
  ];
  app.replaceChildren(...parts.filter((part): part is Node => !!part));
}

void render();
