// `pnpm start`: the API, and beside it the worker as its own process when
// REDIS_URL is set (without Redis the API runs the worker in-process).
// The API serves the superadmin console from apps/console/dist: a fresh clone
// builds it once here; later starts find it built and skip straight on.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const consoleIndex = fileURLToPath(new URL('../apps/console/dist/index.html', import.meta.url));
if (!process.env.CONSOLE_DIR && !existsSync(consoleIndex)) {
  console.log('Building the superadmin console (first start only)...');
  const build = spawnSync('pnpm', ['--silent', '--filter', '@tenantry/console', 'build'], {
    stdio: 'inherit',
    env: process.env,
  });
  // The API still starts without a console: it is an extra, not a dependency.
  if (build.status !== 0) console.warn('The console build failed; starting the API without it.');
}

const run = (name, filter) => {
  const child = spawn('pnpm', ['--silent', '--filter', filter, 'start'], {
    stdio: 'inherit',
    env: process.env,
  });
  child.on('exit', (code, signal) => {
    console.log(`${name} exited (${signal ?? code})`);
    stopAll(signal ? 1 : (code ?? 1));
  });
  return child;
};

const children = [run('api', '@tenantry/api')];
if (process.env.REDIS_URL) children.push(run('worker', '@tenantry/worker'));

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 100).unref();
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));
