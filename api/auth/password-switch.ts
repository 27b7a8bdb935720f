/**
 * Whether the password form is offered. An admin can switch it off once single sign-on is set up; without single
 * sign-on the switch does nothing, so nobody can lock the whole organisation out by turning it off.
 */
import { getSettings } from '../../db/settings.ts';
import type { Deps } from '../http.ts';

export async function passwordSignInAllowed(deps: Deps): Promise<boolean> {
  return !deps.config.oidc || (await getSettings(deps.db)).passwordSignIn;
}
