/**
 * "Wrong flag?" under each supplier on the card: the reader says the flag is wrong (not this supplier, or a
 * person and not a company), with an optional note, and sends it. What goes to the registry is decided in the
 * background (background/handlers.ts): the registered name or identifier that matched and the site's host name.
 */
import { t } from '../../shared/i18n.ts';
import { el } from '../../shared/dom.ts';
import type { WrongFlagReason } from '../../shared/messaging.ts';

/** Sends the report for one supplier of the card; true when the registry took it. */
export type ReportWrongFlag = (supplierId: string, reason: WrongFlagReason, note: string) => Promise<boolean>;

export function wrongFlagView(doc: Document, supplierId: string, report: ReportWrongFlag): HTMLElement {
  const group = `reason-${supplierId}`;
  const radio = (value: WrongFlagReason, label: string, checked: boolean) =>
    el(
      doc,
      'label',
      {},
      el(doc, 'input', { type: 'radio', name: group, value, checked: checked ? '' : undefined }),
      ' ',
      label,
    );
  const note = el(doc, 'textarea', { rows: '2', maxlength: '1000', class: 'note' });
  const send = el(doc, 'button', { type: 'submit', class: 'send' }, t('wrongFlagSend'));
  const status = el(doc, 'p', { class: 'status', role: 'status' });
  const fields = el(
    doc,
    'fieldset',
    {},
    radio('not_this_supplier', t('wrongFlagNotThis'), true),
    radio('person', t('wrongFlagPerson'), false),
    el(doc, 'label', {}, t('wrongFlagNote'), note),
    el(doc, 'p', { class: 'privacy' }, t('wrongFlagPrivacy')),
    send,
  );
  const form = el(doc, 'form', {}, fields, status);
  // Typing a note must not trigger the page's own shortcuts (webmail has many); Escape still closes the card.
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') event.stopPropagation();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>('input[type=radio]:checked');
    fields.disabled = true;
    const ok = await report(supplierId, (chosen?.value ?? 'not_this_supplier') as WrongFlagReason, note.value);
    status.textContent = t(ok ? 'wrongFlagSent' : 'wrongFlagFailed');
    if (ok) fields.remove();
    else fields.disabled = false;
  });
  return el(doc, 'details', { class: 'wrong' }, el(doc, 'summary', {}, t('wrongFlag')), form);
}
