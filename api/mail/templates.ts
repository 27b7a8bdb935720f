/**
 * The mails, in Dutch and English: plain text, short, with the link to the page in the registry. They name a
 * declaration by kind and supplier at most; everything else is behind the link, after signing in.
 */
import { formatDate } from '../../core/dates.ts';
import type { Lang } from '../../core/types.ts';
import type { MailTemplate } from '../../db/outbox.ts';
import { textFor } from '../web/text/index.ts';

export interface RenderedMail {
  subject: string;
  text: string;
}

type Params = Record<string, string | number>;

const str = (p: Params, key: string) => String(p[key] ?? '');

/** "Gift (Bouwbedrijf Jansen B.V.)": the kind in the reader's language, and the supplier when there is one. */
function what(p: Params, lang: Lang): string {
  const kinds = textFor(lang).enums.kind as Record<string, string>;
  const kind = kinds[str(p, 'kind')] ?? str(p, 'kind');
  return p.supplier ? `${kind} (${p.supplier})` : kind;
}

const statusOf = (p: Params, lang: Lang) =>
  (textFor(lang).enums.status as Record<string, string>)[str(p, 'status')] ?? str(p, 'status');

const TEMPLATES: Record<MailTemplate, Record<Lang, (p: Params) => [string, string]>> = {
  review_needed: {
    nl: (p) => ['Melding om te beoordelen', `Er wacht een melding op je beoordeling: ${what(p, 'nl')}.`],
    en: (p) => ['A declaration to review', `A declaration is waiting for your review: ${what(p, 'en')}.`],
  },
  review_digest: {
    nl: (p) => [
      'Meldingen om te beoordelen',
      `Sinds gisteren kwamen er ${p.count} melding(en) bij die op je beoordeling wachten.`,
    ],
    en: (p) => [
      'Declarations to review',
      `Since yesterday ${p.count} declaration(s) arrived that wait for your review.`,
    ],
  },
  declaration_decided: {
    nl: (p) => ['Je melding is beoordeeld', `Je melding ${what(p, 'nl')} is beoordeeld: ${statusOf(p, 'nl')}.`],
    en: (p) => [
      'Your declaration was reviewed',
      `Your declaration ${what(p, 'en')} was reviewed: ${statusOf(p, 'en')}.`,
    ],
  },
  needs_info: {
    nl: (p) => [
      'Meer informatie gevraagd',
      `Je leidinggevende vraagt meer informatie over je melding ${what(p, 'nl')}. Lees de vraag en vul je melding aan.`,
    ],
    en: (p) => [
      'More information asked',
      `Your manager asks for more information about your declaration ${what(p, 'en')}. Read the question and complete your declaration.`,
    ],
  },
  campaign_started: {
    nl: (p) => [
      `Jaarlijkse bevestiging: ${p.title}`,
      `Bevestig vóór ${formatDate(str(p, 'dueOn'), 'nl')} dat je meldingen compleet en actueel zijn, of dat je niets te melden hebt.`,
    ],
    en: (p) => [
      `Yearly attestation: ${p.title}`,
      `Please confirm by ${formatDate(str(p, 'dueOn'), 'en')} that your declarations are complete and current, or that you have nothing to declare.`,
    ],
  },
  campaign_reminder: {
    nl: (p) => [
      `Herinnering: ${p.title}`,
      `Over een week, op ${formatDate(str(p, 'dueOn'), 'nl')}, moet je jaarlijkse bevestiging binnen zijn.`,
    ],
    en: (p) => [
      `Reminder: ${p.title}`,
      `In a week, on ${formatDate(str(p, 'dueOn'), 'en')}, your yearly attestation is due.`,
    ],
  },
  campaign_due: {
    nl: (p) => [
      `Vandaag: ${p.title}`,
      `Je jaarlijkse bevestiging moet vandaag (${formatDate(str(p, 'dueOn'), 'nl')}) binnen zijn.`,
    ],
    en: (p) => [
      `Due today: ${p.title}`,
      `Your yearly attestation is due today (${formatDate(str(p, 'dueOn'), 'en')}).`,
    ],
  },
  stale_reviews: {
    nl: (p) => ['Meldingen wachten al lang', `${p.count} melding(en) wachten al meer dan 14 dagen op je beoordeling.`],
    en: (p) => [
      'Declarations waiting long',
      `${p.count} declaration(s) have waited more than 14 days for your review.`,
    ],
  },
};

const FOOTER: Record<Lang, string> = {
  nl: 'Dit bericht is automatisch verstuurd door Zuiver, het integriteitsregister.',
  en: 'This message was sent automatically by Zuiver, the integrity registry.',
};

export function renderMail(template: string, lang: Lang, params: Params, url: string): RenderedMail {
  const make = TEMPLATES[template as MailTemplate]?.[lang];
  if (!make) throw new Error(`unknown mail template ${template}`);
  const [subject, body] = make(params);
  return { subject: `Zuiver: ${subject}`, text: `${body}\n\n${url}\n\n-- \n${FOOTER[lang]}\n` };
}
