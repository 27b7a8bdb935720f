/**
 * Who sees what of a conflict. Staff: only that gifts and invitations from a supplier in negotiation must be
 * declined, plus their own declarations. Purchasers: also related-party and purchase conflicts as kind and count,
 * and the names of those declarants who are on the team of an open negotiation they own with the supplier (so
 * opening a negotiation teaches its owner nothing about colleagues outside it), and which team members to keep
 * out. Managers and admins: all.
 * Fields a viewer may not see are left out, never sent empty.
 */
import { seesAll } from './access.ts';
import type { SupplierConflict } from './conflicts.ts';
import type { PolicyRules } from './policy.ts';
import type { Conflict, ConflictDetail, Lang } from './types.ts';
import type { Role } from './vocabulary.ts';

export interface Viewer {
  id: string;
  role: Role;
}

export interface ViewContext {
  lang: Lang;
  rules: PolicyRules;
  /** Display names of people, by id. */
  names: Map<string, string>;
  /** Full details of a declaration, by id; only consulted where the viewer may see them. */
  detail: (declarationId: string) => ConflictDetail | undefined;
}

const STAGE: Record<Lang, Record<string, string>> = {
  nl: { talks: 'gesprekken', tender: 'aanbesteding', negotiation: 'onderhandeling' },
  en: { talks: 'talks', tender: 'tender', negotiation: 'negotiation' },
};

const SUMMARY = {
  decline: { nl: 'Geschenken en uitnodigingen weigeren', en: 'Decline gifts and invitations' },
  negotiation: (lang: Lang, stage: string, reference: string, subject: string, more: number) =>
    `In ${STAGE[lang][stage]}: ${reference} (${subject})` +
    (more ? (lang === 'nl' ? ` en ${more} meer` : ` and ${more} more`) : ''),
  related: (lang: Lang, n: number) =>
    lang === 'nl'
      ? `${n} gemelde relatie${n === 1 ? '' : 's'}, nevenfunctie${n === 1 ? '' : 's'} of belang${n === 1 ? '' : 'en'}`
      : `${n} declared relationship${n === 1 ? '' : 's'}, side job${n === 1 ? '' : 's'} or interest${n === 1 ? '' : 's'}`,
  purchase: (lang: Lang, n: number) =>
    lang === 'nl'
      ? `${n} recente privé-aankoop${n === 1 ? '' : 'en'}`
      : `${n} recent private purchase${n === 1 ? '' : 's'}`,
  own: (lang: Lang, n: number) =>
    lang === 'nl'
      ? `Je eigen melding${n === 1 ? '' : 'en'} (${n})`
      : `Your own declaration${n === 1 ? '' : 's'} (${n})`,
};

/** Cuts one supplier's conflicts to what `viewer` may see; conflicts the viewer may not see at all are dropped. */
export function viewConflicts(conflicts: SupplierConflict[], viewer: Viewer, ctx: ViewContext): Conflict[] {
  const all = seesAll(viewer.role);
  const open = conflicts.find((c) => c.kind === 'negotiation')?.negotiations ?? [];
  // The negotiations whose team this viewer runs: a manager all of them, a purchaser those they own.
  const runs = all ? open : viewer.role === 'purchaser' ? open.filter((n) => n.ownerId === viewer.id) : [];
  const team = new Set(runs.flatMap((n) => n.team ?? []).map((m) => m.personId));
  const nameOf = (id: string) => ctx.names.get(id) ?? '?';
  const out: Conflict[] = [];
  for (const c of conflicts) {
    const advice = ctx.rules.texts[c.kind][ctx.lang];
    if (c.kind === 'negotiation') {
      if (viewer.role === 'staff') {
        out.push({ kind: c.kind, summary: SUMMARY.decline[ctx.lang], since: c.since, advice });
        continue;
      }
      const [first] = c.negotiations;
      out.push({
        kind: c.kind,
        summary: SUMMARY.negotiation(ctx.lang, first.stage, first.reference, first.subject, c.negotiations.length - 1),
        since: c.since,
        advice,
        count: c.negotiations.length,
        reference: first.reference,
        subject: first.subject,
        stage: first.stage,
        owner: ctx.names.get(first.ownerId),
      });
      const keepOut = [
        ...new Set(
          runs
            .flatMap((n) => n.team ?? [])
            .filter((m) => m.state === 'to_keep_out')
            .map((m) => nameOf(m.personId)),
        ),
      ].sort();
      if (keepOut.length) out[out.length - 1].keepOut = keepOut;
      continue;
    }
    const own = c.declarations.filter((d) => d.declarantId === viewer.id);
    const seesCount = all || viewer.role === 'purchaser';
    if (!seesCount && own.length === 0) continue;
    const visible = all ? c.declarations : own;
    const conflict: Conflict = {
      kind: c.kind,
      summary: seesCount ? SUMMARY[c.kind](ctx.lang, c.declarations.length) : SUMMARY.own(ctx.lang, own.length),
      since: seesCount
        ? c.since
        : own.map((d) => (c.kind === 'purchase' ? d.date! : d.createdAt.slice(0, 10))).sort()[0],
      advice,
      count: seesCount ? c.declarations.length : own.length,
    };
    const named = all ? c.declarations : c.declarations.filter((d) => team.has(d.declarantId));
    if (named.length) conflict.declarants = [...new Set(named.map((d) => nameOf(d.declarantId)))].sort();
    const details = visible.flatMap((d) => ctx.detail(d.id) ?? []);
    if (details.length) conflict.details = details;
    out.push(conflict);
  }
  return out;
}

/**
 * The people whose view of this supplier may differ from what everybody else of their role sees: the declarants
 * (their own declarations) and the owners of its open negotiations (declarants' names). Everybody else sees what
 * a viewer of their role who is named nowhere sees, so the server builds that once per role and language and each
 * person's own part only for the suppliers naming them. Keep this in step with what viewConflicts reads of
 * `viewer.id`: a person left out here would be shown the role's common view.
 */
export function involvedPeople(conflicts: SupplierConflict[]): Set<string> {
  const ids = new Set<string>();
  for (const c of conflicts) {
    for (const n of c.negotiations) ids.add(n.ownerId);
    for (const d of c.declarations) ids.add(d.declarantId);
  }
  return ids;
}

/** A viewer of `role` named in no conflict: the view that everybody of that role who is not involved shares. */
export const roleViewer = (role: Role): Viewer => ({ id: '', role });
