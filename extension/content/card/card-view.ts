/**
 * The card's content, built with createElement and textContent only: registry data is text, never markup.
 * Shows what the server sent for this person and nothing more, plus the confidential counsellor and links to
 * declare a gift or relationship with the supplier filled in.
 */
import type { Conflict, ConflictDetail } from '../../../core/types.ts';
import { kindLabel, t } from '../../shared/i18n.ts';
import { el, formatDate, formatEuro } from '../../shared/dom.ts';
import type { CardData, SupplierCard } from '../../shared/messaging.ts';
import { wrongFlagView, type ReportWrongFlag } from './card-report.ts';

const STAGE_LABEL = {
  talks: () => t('stageTalks'),
  tender: () => t('stageTender'),
  negotiation: () => t('stageNegotiation'),
} as const;

/** A link into the registry, only when the registry's address is a web address (never javascript: and such). */
export function registryLink(registryUrl: string | null, path: string, params: Record<string, string>): string | null {
  if (!registryUrl) return null;
  try {
    const url = new URL(path.replace(/^\//, ''), registryUrl.endsWith('/') ? registryUrl : `${registryUrl}/`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.href;
  } catch {
    return null;
  }
}

function detailLine(doc: Document, d: ConflictDetail): HTMLElement {
  const parts = [d.declarant, d.relation, d.description, d.date && formatDate(d.date)];
  if (d.amountEur !== undefined) parts.push(formatEuro(d.amountEur));
  return el(doc, 'li', {}, parts.filter(Boolean).join(' · '));
}

function facts(doc: Document, c: Conflict): HTMLElement | null {
  const rows: Array<[string, string]> = [];
  if (c.reference) rows.push([t('fieldReference'), c.reference]);
  if (c.subject) rows.push([t('fieldSubject'), c.subject]);
  if (c.stage) rows.push([t('fieldStage'), STAGE_LABEL[c.stage]?.() ?? c.stage]);
  if (c.owner) rows.push([t('fieldOwner'), c.owner]);
  if (c.count !== undefined)
    rows.push([t(c.kind === 'negotiation' ? 'fieldCountNegotiations' : 'fieldCount'), String(c.count)]);
  if (c.declarants?.length) rows.push([t('fieldDeclarants'), c.declarants.join(', ')]);
  // Only the negotiation's owner and managers get it: team members who declared a conflict and are still on the team.
  if (c.keepOut?.length) rows.push([t('fieldKeepOut'), c.keepOut.join(', ')]);
  if (!rows.length) return null;
  return el(doc, 'dl', {}, ...rows.flatMap(([term, value]) => [el(doc, 'dt', {}, term), el(doc, 'dd', {}, value)]));
}

function conflictView(doc: Document, c: Conflict): HTMLElement {
  return el(
    doc,
    'li',
    { class: `conflict ${c.kind}` },
    el(
      doc,
      'p',
      { class: 'kind' },
      kindLabel(c.kind),
      ' ',
      el(doc, 'span', { class: 'since' }, t('since', formatDate(c.since))),
    ),
    el(doc, 'p', { class: 'summary' }, c.summary),
    facts(doc, c),
    c.details?.length ? el(doc, 'ul', { class: 'details' }, ...c.details.map((d) => detailLine(doc, d))) : null,
    c.advice && el(doc, 'p', { class: 'advice' }, el(doc, 'strong', {}, t('adviceHeading')), ' ', c.advice),
  );
}

function supplierView(
  doc: Document,
  supplier: SupplierCard,
  registryUrl: string | null,
  report?: ReportWrongFlag,
): HTMLElement {
  const gift = registryLink(registryUrl, 'declare', { kind: 'gift', supplier: supplier.id });
  const relation = registryLink(registryUrl, 'declare', { kind: 'relationship', supplier: supplier.id });
  const link = (href: string | null, label: string) =>
    href && el(doc, 'a', { href, target: '_blank', rel: 'noopener noreferrer' }, label);
  return el(
    doc,
    'section',
    {},
    el(doc, 'h2', {}, supplier.name),
    el(doc, 'ul', { class: 'conflicts' }, ...supplier.conflicts.map((c) => conflictView(doc, c))),
    (gift || relation) &&
      el(doc, 'p', { class: 'links' }, link(gift, t('declareGift')), link(relation, t('declareRelationship'))),
    report && wrongFlagView(doc, supplier.id, report),
  );
}

/** `report`: how the card sends a "wrong flag?" report; without it (the popup's list) there is no such form. */
export function cardContent(doc: Document, data: CardData, report?: ReportWrongFlag): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  if (!data.suppliers.length) {
    fragment.append(el(doc, 'p', {}, t('cardNothing')));
    return fragment;
  }
  for (const supplier of data.suppliers) fragment.append(supplierView(doc, supplier, data.registryUrl, report));
  if (data.counsellor) {
    const { name, contact } = data.counsellor;
    fragment.append(el(doc, 'p', { class: 'counsellor' }, t('counsellor', [name, contact])));
  }
  return fragment;
}
