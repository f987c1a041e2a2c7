/** One email, as a composer builds it and a mailer sends it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Which template built it (e.g. `identity.password-reset`): for the dev mailbox and logs. */
  template: string;
  /** The tenant it is sent for; null for platform mail. */
  tenantId: string | null;
}

/**
 * The mail port. send() resolves once the message is accepted for delivery
 * and rejects when it is not, so the caller's transaction can roll back and
 * its job be retried.
 */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  /** Releases connections; waits for messages already accepted. */
  close?(): Promise<void>;
}
