import { z } from 'zod';

/** `since`: a version the client holds; a delta comes back when the server still knows it. */
export const watchlistQuery = z.object({ since: z.string().max(100).optional() });

export const checkBody = z.strictObject({ texts: z.array(z.string().max(200_000)).max(1000) });
