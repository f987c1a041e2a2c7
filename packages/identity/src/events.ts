/** Events identity emits through the outbox. */
export const identityEvents = {
  tenantRegistered: 'identity.tenant.registered',
  tenantApproved: 'identity.tenant.approved',
  tenantSuspended: 'identity.tenant.suspended',
  tenantReactivated: 'identity.tenant.reactivated',
  passwordResetRequested: 'identity.password_reset.requested',
  verificationRequested: 'identity.email_verification.requested',
  invitationCreated: 'identity.invitation.created',
} as const;
