import { createServer } from 'node:net';

/** A TCP port of 127.0.0.1 free a moment ago (the OS picks it; a race with another binder is possible but rare). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
