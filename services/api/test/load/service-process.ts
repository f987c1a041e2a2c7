import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServiceProcess {
  name: string;
  /** The node process itself (not a wrapper), so its RSS is the service's. */
  pid: number;
  /** The last 20,000 characters it wrote, for failure messages. */
  output(): string;
  exited(): boolean;
  /** SIGTERM and wait (SIGKILL after 15 s): the service's own graceful shutdown. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** This process's environment without the test runner's own variables, which a service never sees in production. */
const productionEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));

/**
 * Starts a service as `node --import tsx [--import instrument] main.ts` in its
 * package folder, as `pnpm start` runs it but without tsx's wrapper process,
 * and waits until `healthUrl` answers 200.
 */
export const startService = async (options: {
  name: string;
  cwd: string;
  env: Record<string, string>;
  healthUrl: string;
  timeoutMs?: number;
}): Promise<ServiceProcess> => {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './src/instrument.ts', 'src/main.ts'],
    { cwd: options.cwd, env: { ...productionEnv(), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // A test process that ends without stop() must not leave the service running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = () => child.exitCode !== null || child.signalCode !== null;

  const service: ServiceProcess = {
    name: options.name,
    pid: child.pid ?? 0,
    output: () => output,
    exited,
    async stop() {
      process.off('exit', killOnExit);
      if (!exited()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      try {
        return await exit;
      } finally {
        clearTimeout(timer);
      }
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`${options.name} exited while starting:\n${output}`);
    const healthy = await fetch(options.healthUrl)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (healthy) return service;
    await sleep(250);
  }
  await service.stop();
  throw new Error(`${options.name} did not answer ${options.healthUrl} in time:\n${output}`);
};
