import { identityContracts as contracts, type IdentityDeps, platformPermissions } from '@tenantry/identity';
import { listDevMailbox } from '@tenantry/mail';
import { z } from 'zod';
import { defineRoute } from '../../http/route';

const mailSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    template: z.string(),
    tenantId: z.uuid().nullable(),
    createdAt: contracts.timestampSchema,
  })
  .meta({ id: 'DevMail' });

/** The dev mailbox (no SMTP_URL): what the platform would have sent, for the console to show. */
export const devMailboxRoutes = (deps: IdentityDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/dev-mailbox',
    operationId: 'listDevMailbox',
    summary: 'Messages kept instead of sent while no SMTP server is configured, newest first',
    module: 'superadmin',
    access: { permission: platformPermissions.mailboxRead },
    query: z
      .object({ to: z.email().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
      .strict(),
    response: z.array(mailSchema),
    handler: async ({ query }) => ({ data: await listDevMailbox(deps.db.router, query) }),
  }),
];
