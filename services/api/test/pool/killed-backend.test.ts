import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { useTestDatabase } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./killed-backend-process.ts', import.meta.url));

const runFixture = (env: Record<string, string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      cwd: apiDir,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });

describe('a backend terminated while a request holds its connection', () => {
  const db = useTestDatabase();

  // PgBouncer kills, failovers and idle-in-transaction timeouts all look like this to the API.
  it('fails that transaction, keeps the process alive, and serves the next ones', async () => {
    const { config } = db;
    const run = await runFixture({
      KILL_APP_URL: config.appUrl ?? '',
      KILL_ADMIN_URL: config.ownerUrl ?? '',
      KILL_APP_ROLE: config.appRole,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      rawTransaction: 'rejected',
      tenantTransaction: 'rejected',
      afterwards: 'committed',
    });
  });
});
