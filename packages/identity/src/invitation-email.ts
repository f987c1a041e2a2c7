// A type-only import: erased at runtime, so emails.ts can register this composer without a cycle.
import type { EmailComposer } from '@tenantry/mail';
import type { IdentityConfig } from './config';
import { setInvitationTokenHash } from './invitations.repository';
import { compactId, expandId, randomSecret, sha256 } from './secrets';

/** What `identity.invitation.created` carries: never a token, which is minted only when the e-mail is composed. */
export interface InvitationCreatedData {
  invitationId: string;
  email: string;
  role: string;
  tenantName: string;
}

/**
 * `inv_<tenant id, 32 hex>_<secret>`: the token names the tenant whose storage
 * holds its hash, so accepting it looks only there (as API keys do).
 */
const tokenPattern = /^inv_([0-9a-f]{32})_[A-Za-z0-9_-]{43}$/;

export const parseInvitationToken = (token: string): { tenantId: string } | null => {
  const tenantId = expandId(tokenPattern.exec(token)?.[1] ?? '');
  return tenantId ? { tenantId } : null;
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The invitation e-mail, composed in the tenant's transaction: it mints the
 * token and keeps only its SHA-256 on the invitation, so a resent e-mail's
 * link replaces the previous one and a rolled-back send leaves none.
 */
export const invitationComposer =
  (deps: { config: IdentityConfig; clock: { now(): Date } }): EmailComposer =>
  async (event, tx) => {
    const data = event.data as InvitationCreatedData;
    const tenantId = event.tenant_id;
    if (!tenantId) return null;
    const token = `inv_${compactId(tenantId)}_${randomSecret()}`;
    const invitation = await setInvitationTokenHash(tx, tenantId, data.invitationId, sha256(token));
    // Revoked, accepted or expired before the e-mail went out: nothing to send.
    if (!invitation || invitation.expiresAt <= deps.clock.now()) return null;
    const url = `${deps.config.appUrl.replace(/\/$/, '')}/accept-invitation?token=${encodeURIComponent(token)}`;
    const lines = [
      `You are invited to join "${data.tenantName}" on Tenantry as ${invitation.role}.`,
      `The link works once, until ${invitation.expiresAt.toISOString()}.`,
    ];
    return {
      to: invitation.email,
      subject: `You are invited to join ${data.tenantName}`,
      template: 'identity.invitation',
      tenantId,
      text: ['Hello,', '', ...lines, '', `Accept the invitation: ${url}`].join('\n'),
      html: [
        '<p>Hello,</p>',
        ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
        `<p><a href="${escapeHtml(url)}">Accept the invitation</a></p>`,
      ].join('\n'),
    };
  };
