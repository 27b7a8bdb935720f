/**
 * Free-mail and internet-provider mail domains (gmail.com, ziggo.nl, kpnmail.nl, ...), from the `freemail`
 * package's maintained list. Such a domain names thousands of senders, so it never identifies a supplier: a
 * one-person business is registered by its whole address instead. Read once, on first use; server side only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let domains: Set<string> | undefined;

function load(): Set<string> {
  const file = createRequire(import.meta.url).resolve('freemail/data/free.txt');
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  return new Set(lines.map((l) => l.trim().toLowerCase()).filter((l) => l && !l.startsWith('#')));
}

/** Whether `domain` (normalised, lowercase) is a free-mail domain or a subdomain of one (`mail.ziggo.nl`). */
export function isFreeMailDomain(domain: string): boolean {
  domains ??= load();
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) if (domains.has(labels.slice(i).join('.'))) return true;
  return false;
}

/** The English message for a refused domain; the web UI and the CSV import say it in Dutch too. */
export const freeMailMessage = (domain: string) =>
  `${domain} is a free-mail or internet-provider domain that anyone can mail from; register the supplier's whole e-mail address under emails instead.`;
export const freeMailMessageNl = (domain: string) =>
  `${domain} is een gratis e-mail- of providerdomein waar iedereen vanaf kan mailen; vul het hele e-mailadres van de leverancier in bij e-mailadressen.`;
