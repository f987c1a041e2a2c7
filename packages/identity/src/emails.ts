import type { EmailComposer, MailMessage } from '@tenantry/mail';
import type { IdentityConfig } from './config';
import { identityEvents } from './events';
import { invitationComposer } from './invitation-email';
import { mintOneTimeToken } from './one-time-tokens.service';
import { findTenant } from './tenants.repository';
import { findUser, type UserRow } from './users.repository';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const mail = (
  user: UserRow,
  template: string,
  subject: string,
  lines: string[],
  link?: { label: string; url: string },
): MailMessage => ({
  to: user.email,
  subject,
  template,
  tenantId: null,
  text: [`Hello ${user.name},`, '', ...lines, ...(link ? ['', `${link.label}: ${link.url}`] : [])].join('\n'),
  html: [
    `<p>Hello ${escapeHtml(user.name)},</p>`,
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
  ].join('\n'),
});

const linkTo = (config: IdentityConfig, path: string, token: string) =>
  `${config.appUrl.replace(/\/$/, '')}${path}?token=${encodeURIComponent(token)}`;

/**
 * E-mails identity sends, composed by the email-send job inside its
 * transaction: tokens are minted here, so no secret ever sits in the outbox.
 */
export const identityEmailComposers = (deps: {
  config: IdentityConfig;
  clock: { now(): Date };
}): Record<string, EmailComposer> => {
  const verification: EmailComposer = async (event, tx) => {
    const data = event.data as { ownerUserId?: string; userId?: string };
    const user = await findUser(tx, data.userId ?? data.ownerUserId ?? '');
    if (!user || user.emailVerifiedAt) return null;
    const token = await mintOneTimeToken(
      tx,
      deps,
      user.id,
      'verify_email',
      deps.config.verificationTtlSeconds,
    );
    return mail(
      user,
      'identity.verify_email',
      'Confirm your e-mail address',
      ['Please confirm your e-mail address.'],
      {
        label: 'Confirm e-mail',
        url: linkTo(deps.config, '/verify-email', token),
      },
    );
  };
  return {
    [identityEvents.tenantRegistered]: verification,
    [identityEvents.verificationRequested]: verification,
    [identityEvents.invitationCreated]: invitationComposer(deps),
    [identityEvents.tenantApproved]: async (event, tx) => {
      const data = event.data as { tenantId: string; ownerUserId: string };
      const [user, tenant] = await Promise.all([
        findUser(tx, data.ownerUserId),
        findTenant(tx, data.tenantId),
      ]);
      if (!user || !tenant) return null;
      return mail(
        user,
        'identity.welcome',
        `Welcome to Tenantry: ${tenant.name} is approved`,
        [`Your organisation "${tenant.name}" (${tenant.slug}) is approved and ready.`],
        { label: 'Sign in', url: `${deps.config.appUrl.replace(/\/$/, '')}/login?tenant=${tenant.slug}` },
      );
    },
    [identityEvents.passwordResetRequested]: async (event, tx) => {
      const user = await findUser(tx, (event.data as { userId: string }).userId);
      if (user?.status !== 'active') return null;
      const token = await mintOneTimeToken(
        tx,
        deps,
        user.id,
        'password_reset',
        deps.config.passwordResetTtlSeconds,
      );
      return mail(
        user,
        'identity.password_reset',
        'Reset your password',
        [
          'Someone asked to reset the password of this account. If it was not you, ignore this e-mail.',
          `The link works once, for ${Math.round(deps.config.passwordResetTtlSeconds / 60)} minutes.`,
        ],
        { label: 'Choose a new password', url: linkTo(deps.config, '/reset-password', token) },
      );
    },
  };
};
