import { envWholeNumber } from '@tenantry/core';
export interface IdentityConfig {
  /** `iss` of every token, and the base of links in e-mails. */
  issuer: string;
  audience: string;
  /** Where links in e-mails point (the console or a client app). */
  appUrl: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  mfaTokenTtlSeconds: number;
  maxSessionsPerUser: number;
  verificationTtlSeconds: number;
  passwordResetTtlSeconds: number;
  invitationTtlSeconds: number;
  lockout: LockoutPolicy;
  /** SUPERADMIN_EMAIL / SUPERADMIN_PASSWORD: the first superadmin for unattended installs. */
  bootstrapSuperadmin: { email: string; password: string; name: string } | null;
}

export interface LockoutPolicy {
  windowSeconds: number;
  /** Failures in the window after which every attempt is delayed, doubling each time. */
  delayAfter: number;
  delayBaseMs: number;
  delayMaxMs: number;
  /** Failures in the window that lock the account (by e-mail) or the client IP. */
  accountLockAfter: number;
  ipLockAfter: number;
  lockSeconds: number;
  /** login_attempts rows older than this are deleted by the cleanup job. */
  retentionDays: number;
}

/** Every variable identity reads; README.md lists them with these defaults. */
export const identityConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): IdentityConfig => {
  const publicUrl = env.PUBLIC_URL || `http://127.0.0.1:${env.PORT || 3000}`;
  return {
    issuer: env.JWT_ISSUER || publicUrl,
    audience: env.JWT_AUDIENCE || 'tenantry-api',
    appUrl: env.APP_URL || publicUrl,
    accessTokenTtlSeconds: envWholeNumber(env.ACCESS_TOKEN_TTL_SECONDS, 900),
    refreshTokenTtlSeconds: envWholeNumber(env.REFRESH_TOKEN_TTL_SECONDS, 30 * 86_400),
    mfaTokenTtlSeconds: 300,
    maxSessionsPerUser: envWholeNumber(env.MAX_SESSIONS_PER_USER, 5),
    verificationTtlSeconds: 2 * 86_400,
    passwordResetTtlSeconds: 30 * 60,
    invitationTtlSeconds: 7 * 86_400,
    lockout: {
      windowSeconds: envWholeNumber(env.LOGIN_WINDOW_SECONDS, 15 * 60),
      delayAfter: 3,
      delayBaseMs: envWholeNumber(env.LOGIN_DELAY_BASE_MS, 250),
      delayMaxMs: 4_000,
      accountLockAfter: envWholeNumber(env.LOGIN_ACCOUNT_LOCK_AFTER, 10),
      ipLockAfter: envWholeNumber(env.LOGIN_IP_LOCK_AFTER, 50),
      lockSeconds: envWholeNumber(env.LOGIN_LOCK_SECONDS, 15 * 60),
      retentionDays: 90,
    },
    bootstrapSuperadmin:
      env.SUPERADMIN_EMAIL && env.SUPERADMIN_PASSWORD
        ? {
            email: env.SUPERADMIN_EMAIL,
            password: env.SUPERADMIN_PASSWORD,
            name: env.SUPERADMIN_NAME || 'Superadmin',
          }
        : null,
  };
};
