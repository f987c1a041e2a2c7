import { ManualClock, newId } from '@tenantry/core';
import { createDatabaseRuntime, type DatabaseRuntime } from '@tenantry/db';
import { cleanupIdentity, loginAttempts, oneTimeTokens, refreshTokens, sessions } from '@tenantry/identity';
import { migrationPlan } from '@tenantry/platform';
import { createTestDatabase, type TestDatabase } from '@tenantry/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMaintenance } from '../src/maintenance';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

describe('maintenance: identity cleanup', () => {
  let database: TestDatabase;
  let db: DatabaseRuntime;
  const clock = new ManualClock(new Date());
  const ago = (milliseconds: number) => new Date(clock.now().getTime() - milliseconds);
  const later = (milliseconds: number) => new Date(clock.now().getTime() + milliseconds);

  const attempt = (label: string, createdAt: Date) => ({
    id: newId(),
    email: `${label}@example.test`,
    ip: '198.51.100.1',
    succeeded: false,
    reason: 'wrong_password',
    createdAt,
  });
  const oneTime = (label: string, expiresAt: Date, usedAt: Date | null) => ({
    tokenHash: label,
    purpose: 'password_reset',
    userId: newId(),
    expiresAt,
    usedAt,
    createdAt: ago(3 * dayMs),
  });
  const session = (label: string, expiresAt: Date, revokedAt: Date | null) => ({
    id: newId(),
    userId: newId(),
    userAgent: label,
    lastSeenAt: ago(3 * dayMs),
    expiresAt,
    revokedAt,
    createdAt: ago(3 * dayMs),
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDatabaseRuntime(database.config, migrationPlan);
    const revokedLongAgo = session('revoked long ago', later(dayMs), ago(2 * dayMs));
    const expiredLongAgo = session('expired long ago', ago(2 * dayMs), null);
    const live = session('live', later(dayMs), null);
    const justRevoked = session('just revoked', later(dayMs), ago(hourMs));
    await db.router.withPlatform(async (tx) => {
      await tx
        .insert(loginAttempts)
        .values([attempt('ancient', ago(91 * dayMs)), attempt('recent', ago(89 * dayMs))]);
      await tx
        .insert(oneTimeTokens)
        .values([
          oneTime('expired-long-ago', ago(2 * dayMs), null),
          oneTime('used-long-ago', later(dayMs), ago(2 * dayMs)),
          oneTime('just-expired', ago(hourMs), null),
          oneTime('just-used', later(dayMs), ago(hourMs)),
          oneTime('open', later(dayMs), null),
        ]);
      await tx.insert(sessions).values([revokedLongAgo, expiredLongAgo, live, justRevoked]);
      await tx.insert(refreshTokens).values([
        { tokenHash: 'of-revoked', sessionId: revokedLongAgo.id, usedAt: null },
        { tokenHash: 'of-expired', sessionId: expiredLongAgo.id, usedAt: ago(3 * dayMs) },
        // A used token of a live session is the evidence reuse detection needs.
        { tokenHash: 'of-live-used', sessionId: live.id, usedAt: ago(2 * dayMs) },
        { tokenHash: 'of-live', sessionId: live.id, usedAt: null },
        { tokenHash: 'of-just-revoked', sessionId: justRevoked.id, usedAt: null },
      ]);
    });
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('deletes old login attempts and spent tokens, keeping what still serves a purpose', async () => {
    await runMaintenance(db, pino({ level: 'silent' }), { clock, retentionDays: 90 });

    const left = await db.router.withPlatform(async (tx) => ({
      attempts: (await tx.select().from(loginAttempts)).map((row) => row.email).sort(),
      oneTime: (await tx.select().from(oneTimeTokens)).map((row) => row.tokenHash).sort(),
      refresh: (await tx.select().from(refreshTokens)).map((row) => row.tokenHash).sort(),
      sessions: (await tx.select().from(sessions)).length,
    }));
    expect(left).toEqual({
      attempts: ['recent@example.test'],
      oneTime: ['just-expired', 'just-used', 'open'],
      refresh: ['of-just-revoked', 'of-live', 'of-live-used'],
      sessions: 4,
    });
  });

  it('finds nothing more to delete on the next run', async () => {
    expect(await cleanupIdentity({ router: db.router, clock }, { retentionDays: 90 })).toEqual({
      loginAttempts: 0,
      oneTimeTokens: 0,
      refreshTokens: 0,
    });
  });

  it('reports what it deleted once time has moved on', async () => {
    clock.advance(2 * dayMs);
    expect(await cleanupIdentity({ router: db.router, clock }, { retentionDays: 90 })).toEqual({
      loginAttempts: 1,
      oneTimeTokens: 2,
      refreshTokens: 1,
    });
  });
});
