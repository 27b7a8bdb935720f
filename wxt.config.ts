import { defineConfig } from 'wxt';
import { DEFAULT_SITES } from './extension/shared/default-sites.ts';

export default defineConfig({
  srcDir: 'extension',
  // Icons, _locales and the managed-storage schema live with the extension, not at the repository root.
  publicDir: 'extension/public',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'nl',
    // storage: settings and the last good watchlist (which can pass Chrome's 10 MB quota for a large registry);
    // alarms: the 15-minute sync; scripting: flags on sites the user adds; activeTab: the popup reads the tab's
    // address to offer "enable here" without a blanket host permission; identity: signing in with the work account
    // (launchWebAuthFlow), in Chrome, Edge and Firefox alike.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'activeTab', 'identity'],
    // The built-in sites, so that the popup and the background can read the address of a tab there; sites
    // beyond them are asked for one at a time, from the popup or the options page.
    host_permissions: DEFAULT_SITES,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_extName__' },
    commands: {
      'next-flag': { suggested_key: { default: 'Alt+Shift+J' }, description: '__MSG_commandNextFlag__' },
      'previous-flag': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandPreviousFlag__' },
    },
    ...(browser === 'firefox'
      ? {
          // Firefox reads managed storage from a policy file instead of a schema; temporary installs need an id.
          // 140 is the oldest release supported; the extension collects no data at all.
          browser_specific_settings: {
            gecko: {
              id: 'extension@zuiver.nl',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { storage: { managed_schema: 'managed_schema.json' } }),
  }),
});
