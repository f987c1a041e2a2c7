import type { TenancyRouter } from '@tenantry/db';
import { createDevMailbox, type DevMailboxDeps } from './dev-mailbox';
import type { Mailer } from './mailer';
import { createSmtpMailer } from './smtp-mailer';

export const defaultMailFrom = 'Tenantry <no-reply@tenantry.local>';

/**
 * SMTP_URL set: mail leaves through that server, From MAIL_FROM. Unset (the
 * embedded default): mail is kept in the dev mailbox, so nothing needs a mail server.
 */
export const mailerFromEnv = (
  env: NodeJS.ProcessEnv,
  deps: DevMailboxDeps & { router: TenancyRouter },
): Mailer => {
  const { router, ...mailboxDeps } = deps;
  return env.SMTP_URL
    ? createSmtpMailer({ url: env.SMTP_URL, from: env.MAIL_FROM || defaultMailFrom })
    : createDevMailbox(router, mailboxDeps);
};
