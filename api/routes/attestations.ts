import { Hono } from 'hono';
import {
  campaignProgress,
  confirmAttestation,
  listCampaigns,
  myAttestations,
  startCampaign,
} from '../../db/attestations.ts';
import { writeTx } from '../../db/write.ts';
import { MANAGER_ROLES } from '../../core/vocabulary.ts';
import { actorOf, guard, now, validate, type AppEnv } from '../http.ts';
import { idParam } from '../schemas.ts';
import { attestationConfirm, campaignCreate } from '../schemas/attestations.ts';

export const attestationsRoute = new Hono<AppEnv>()
  .get(
    '/mine',
    guard({ summary: 'Your attestations, each with the live declarations it asks you to confirm', roles: 'any' }),
    async (c) => {
      return c.json({ items: await myAttestations(c.get('deps').db, actorOf(c).id, now(c)) });
    },
  )
  .post(
    '/:id/confirm',
    guard({
      summary: 'Confirm your attestation: each live declaration still current or ended, or a nil return',
      roles: 'any',
    }),
    validate('param', idParam),
    validate('json', attestationConfirm),
    async (c) => {
      const input = c.req.valid('json');
      const row = await writeTx(c.get('deps').db, (tx) =>
        confirmAttestation(tx, now(c), actorOf(c), c.req.valid('param').id, input),
      );
      return c.json(row);
    },
  )
  .get(
    '/campaigns',
    guard({ summary: 'Attestation campaigns, newest first', roles: [...MANAGER_ROLES] }),
    async (c) => {
      const items = await listCampaigns(c.get('deps').db);
      return c.json({ items, total: items.length });
    },
  )
  .post(
    '/campaigns',
    guard({
      summary: 'Start an attestation campaign: every active person gets an attestation and a mail',
      roles: ['admin'],
    }),
    validate('json', campaignCreate),
    async (c) => {
      const input = c.req.valid('json');
      const campaign = await writeTx(c.get('deps').db, (tx) => startCampaign(tx, now(c), actorOf(c).id, input));
      return c.json(campaign, 201);
    },
  )
  .get(
    '/campaigns/:id',
    guard({
      summary: 'A campaign’s progress: managers see their own people, admins everyone',
      roles: [...MANAGER_ROLES],
    }),
    validate('param', idParam),
    async (c) => {
      return c.json(await campaignProgress(c.get('deps').db, actorOf(c), c.req.valid('param').id, now(c)));
    },
  );
