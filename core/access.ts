/**
 * Who may see and act on declarations, negotiations and campaigns, as rules over facts that db/ loads. db/ only
 * loads rows and asks these; the API and the web pages ask the same ones, so they agree on every answer.
 */
import { forbidden } from './errors.ts';
import { MANAGER_ROLES, type Role } from './vocabulary.ts';

export interface Actor {
  id: string;
  role: Role;
}

/** Managers and admins see every declaration and every conflict in full. */
export const seesAll = (role: Role) => MANAGER_ROLES.includes(role);

/** A declaration is its declarant's and the managers'; to anyone else it does not exist (404, not 403). */
export const maySeeDeclaration = (actor: Actor, declaration: { declarantId: string }) =>
  declaration.declarantId === actor.id || seesAll(actor.role);

/**
 * The declarant's manager reviews; without one that can (`reviewerId` null: none set, deactivated or no longer a
 * manager), any manager or admin does. Never oneself.
 */
export const mayReview = (actor: Actor, declaration: { declarantId: string }, reviewerId: string | null) =>
  declaration.declarantId !== actor.id && seesAll(actor.role) && (reviewerId ? reviewerId === actor.id : true);

/** Refuses a review `actor` may not make, saying why. */
export function checkMayReview(actor: Actor, declaration: { declarantId: string }, reviewerId: string | null): void {
  if (declaration.declarantId === actor.id) throw forbidden('You cannot review your own declaration.');
  if (!mayReview(actor, declaration, reviewerId))
    throw forbidden('Only the declarant’s own manager reviews this declaration.');
}

/** Only the declarant edits, withdraws or ends a declaration; `message` says which of these was refused. */
export function checkDeclarant(actor: Actor, declaration: { declarantId: string }, message: string): void {
  if (declaration.declarantId !== actor.id) throw forbidden(message);
}

/** A purchaser runs their own negotiations; managers and admins may change any. */
export const mayChangeNegotiation = (negotiation: { ownerId: string }, actor: Actor) =>
  seesAll(actor.role) || (actor.role === 'purchaser' && negotiation.ownerId === actor.id);

/** Managers and admins follow an attestation campaign; refuses anyone else. */
export function checkFollowsCampaigns(actor: Actor): void {
  if (!seesAll(actor.role)) throw forbidden();
}

/** An admin follows everyone in a campaign, a manager only the people they manage. */
export const followsEveryone = (actor: Actor) => actor.role === 'admin';
