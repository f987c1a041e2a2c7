import { queryRows } from '@tenantry/db';
import type { IdentityConfig } from '@tenantry/identity';
import type { ParsedMessage } from '@tenantry/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { startIdentityMail, tokenIn } from './mail-support';
import {
  createIdentityTestApp,
  createSuperadmin,
  type IdentityTestApp,
  loginAs,
  strongPassword,
  uniqueName,
} from './support';

export interface InvitationMail {
  /** Delivers what every storage's outbox holds, then reads the newest invitation link to an address. */
  tokenFor(email: string): Promise<string>;
  /** Invitation e-mails received for an address, oldest first. */
  messagesTo(email: string): ParsedMessage[];
  close(): Promise<void>;
}

/** Invitation e-mails, delivered as the worker's in-process mode does (see mail-support). */
export const startInvitationMail = async (t: IdentityTestApp): Promise<InvitationMail> => {
  const mail = await startIdentityMail(t);
  const subject = 'You are invited';
  return {
    messagesTo: (email) => mail.messagesTo(email, subject),
    tokenFor: async (email) => tokenIn(await mail.newest(email, subject)),
    close: () => mail.close(),
  };
};

/** A tenant with its owner signed in, as activeTenant returns it. */
export interface SignedInTenant {
  tenantId: string;
  slug: string;
  tokens: { accessToken: string };
}

export const invite = (t: IdentityTestApp, token: string, body: { email: string; role: string }) =>
  t.call({ method: 'POST', url: '/v1/tenants/current/invitations', token, body });

export const acceptInvitation = (
  t: IdentityTestApp,
  body: { token: string; name?: string; password?: string },
) => t.call({ method: 'POST', url: '/v1/auth/invitations/accept', body });

/** Invites a new person with a role, accepts the e-mailed link with a name and password, and signs them in. */
export const addMember = async (
  t: IdentityTestApp,
  mail: InvitationMail,
  tenant: SignedInTenant,
  role: string,
) => {
  const { email } = uniqueName(role);
  const invited = await invite(t, tenant.tokens.accessToken, { email, role });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  const token = await mail.tokenFor(email);
  const accepted = await acceptInvitation(t, { token, name: `A ${role}`, password: strongPassword });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return {
    email,
    userId: accepted.body.data.user.id as string,
    tokens: await loginAs(t, email, tenant.slug),
  };
};

export interface TenantAdminApp {
  t: IdentityTestApp;
  mail: InvitationMail;
  /** The superadmin's access token, to approve tenants with. */
  root: string;
}

/**
 * An app for the describe block it is called in (started before its tests,
 * closed after), with its superadmin signed in and invitation e-mails
 * delivered over SMTP. Tests read its fields once it has started.
 */
export const useTenantAdminApp = (config: Partial<IdentityConfig> = {}): TenantAdminApp => {
  const app = {} as TenantAdminApp;
  beforeAll(async () => {
    app.t = await createIdentityTestApp({ config });
    app.mail = await startInvitationMail(app.t);
    app.root = (await createSuperadmin(app.t)).accessToken;
  });
  afterAll(async () => {
    await app.t?.close();
    await app.mail?.close();
  });
  return app;
};

/** A refusal: its status and, where it has one, its specific code. */
export const expectRefused = (
  response: { status: number; body: { error?: { code: string } } },
  status: number,
  code?: string,
) => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  if (code) expect(response.body.error?.code).toBe(code);
};

/** The audit actions recorded about an entity in a tenant's own storage, oldest first. */
export const auditActionsAbout = async (t: IdentityTestApp, tenantId: string, entityId: string) => {
  const rows = await t.db.router.withTenant(tenantId, (tx) =>
    queryRows<{ action: string }>(
      tx,
      sql`select action from audit_events where entity_id = ${entityId} order by created_at, id`,
    ),
  );
  return rows.map((row) => row.action);
};
