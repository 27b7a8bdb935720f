/**
 * Registry numbers and domains as suppliers are registered with them. Format only: the Dutch VAT number has
 * two checksum schemes (the old BSN-based one and the 2020 "btw-id"), so no checksum is applied.
 */

/** `1234 5678`, `1234.5678` -> `12345678`; undefined when it is not 8 digits. */
export function normalizeKvk(value: string): string | undefined {
  const digits = value.replace(/[\s.]/g, '');
  return /^\d{8}$/.test(digits) ? digits : undefined;
}

/** `nl 8050.77.529.b.51` -> `NL805077529B51`; undefined when it is not NL + 9 digits + B + 2 digits. */
export function normalizeVat(value: string): string | undefined {
  const compact = value.replace(/[\s.]/g, '').toUpperCase();
  return /^NL\d{9}B\d{2}$/.test(compact) ? compact : undefined;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** `https://www.Example.nl/x`, `info@example.nl` -> `example.nl`; undefined when it is no host name. */
export function normalizeDomain(value: string): string | undefined {
  let host = value.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^[^@/]*@/, '');
  host = host
    .split(/[/?#:]/)[0]
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  const labels = host.split('.');
  if (host.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  if (!/^[a-z]{2,}$/.test(labels[labels.length - 1]) && !labels[labels.length - 1].startsWith('xn--')) return undefined;
  return host;
}
