/**
 * The sites flags appear on out of the box: procurement portals and webmail. Kept free of imports, because the
 * build configuration (wxt.config.ts) reads it too, for the manifest's host permissions.
 */
export const DEFAULT_SITES = [
  'https://*.tenderned.nl/*',
  'https://*.mercell.com/*',
  'https://*.negometrix.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://mail.google.com/*',
];
