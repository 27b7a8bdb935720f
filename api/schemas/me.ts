import { z } from 'zod';
import { TOKEN_SCOPES } from '../../db/schema.ts';
import { TOKEN_DAYS, type TokenScope } from '../../db/credentials.ts';
import { text } from '../schemas.ts';

/** A token's request: the API offers the scopes a person may make for themself, the CLI also `scim`. */
const tokenCreateOf = <S extends readonly [TokenScope, ...TokenScope[]]>(scopes: S) =>
  z
    .strictObject({
      name: text(100),
      scope: z.enum(scopes).default(scopes[0]),
      expiresInDays: z.number().int().min(1).max(TOKEN_DAYS.full.max).optional(),
    })
    // Runs even when a field failed its own check: leave those (a wrong type, past the longest time) to it.
    .refine(
      (v) =>
        typeof v.expiresInDays !== 'number' ||
        v.expiresInDays > TOKEN_DAYS.full.max ||
        v.expiresInDays <= TOKEN_DAYS[v.scope as TokenScope].max,
      {
        path: ['expiresInDays'],
        message: `an extension token lasts at most ${TOKEN_DAYS.extension.max} days`,
      },
    );
export const tokenCreate = tokenCreateOf(['full', 'extension']);
export const cliTokenCreate = tokenCreateOf(TOKEN_SCOPES);
