import { newId, systemClock } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { type IdentityConfig, identityEmailComposers } from '@tenantry/identity';
import { mailerFromEnv } from '@tenantry/mail';
import type { MailDeps } from './email-jobs';

/**
 * The e-mails the platform's modules send (composers by event type) and the
 * mailer from the environment: SMTP_URL, or the dev mailbox without it.
 */
export const platformMail = (
  env: NodeJS.ProcessEnv,
  db: DatabaseRuntime,
  identity: IdentityConfig,
): MailDeps => ({
  composers: { ...identityEmailComposers({ config: identity, clock: systemClock }) },
  mailer: mailerFromEnv(env, { router: db.router, clock: systemClock, newId }),
});
