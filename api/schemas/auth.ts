import { z } from 'zod';
import { text } from '../schemas.ts';

export const signInBody = z.strictObject({
  email: z.string().trim().max(254),
  password: z.string().min(1).max(200),
  name: text(100),
});
/** The one-time code the extension's single sign-on ended with, and the redirect URL it was issued for. */
export const extensionCodeBody = z.strictObject({
  code: z.string().min(1).max(200),
  redirectUri: z.string().min(1).max(500),
  name: text(100),
});
