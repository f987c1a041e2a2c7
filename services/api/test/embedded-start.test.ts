import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const apiDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs the real start command on the embedded default and waits for its URL. */
const start = (dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> =>
  new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    delete env.DATABASE_APP_URL;
    delete env.REDIS_URL;
    const child = spawn(join(apiDir, 'node_modules/.bin/tsx'), ['src/main.ts'], { cwd: apiDir, env });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/listening on (http:\/\/[^\s]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });

const stop = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tenantry-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('boots from an empty folder, serves /health, and keeps its data for the next start', async () => {
    const first = await start(dataDir);
    expect(first.output()).toMatch(/embedded Postgres/);
    expect(first.output()).toMatch(/migrations applied now: [1-9]/);
    const health = await fetch(`${first.url}/health`);
    expect(await health.json()).toEqual({ data: { status: 'ok' } });
    const ready = await fetch(`${first.url}/ready`);
    expect(ready.status).toBe(200);
    expect((await fetch(`${first.url}/v1/openapi.json`)).status).toBe(200);
    expect(await stop(first.child)).toBe(0);

    const second = await start(dataDir);
    expect(second.output()).toMatch(/migrations applied now: 0/);
    expect((await fetch(`${second.url}/health`)).status).toBe(200);
    expect(await stop(second.child)).toBe(0);
  }, 120_000);
});
