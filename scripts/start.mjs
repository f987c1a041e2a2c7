// `pnpm start`: the API, and beside it the worker as its own process when
// REDIS_URL is set (without Redis the API runs the worker in-process).
import { spawn } from 'node:child_process';

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
