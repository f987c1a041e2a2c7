import { Agent, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  text: string;
}

export interface HttpClient {
  send(options: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
  }): Promise<HttpAnswer>;
  /** Closes every socket, kept-alive or half-opened by an aborted request, so the server can close. */
  close(): void;
}

/**
 * Keep-alive HTTP over node:http with an agent of its own. Closing it matters:
 * a socket opened for a request that was aborted before it was written stays
 * open with nothing sent, and the server counts it as busy until its
 * headers timeout, so app.close() would wait for it.
 */
export const createHttpClient = (maxSockets: number): HttpClient => {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    send: ({ method, url, headers, body, signal }) =>
      new Promise((resolve, reject) => {
        const outgoing = request(url, { method, headers, agent, signal }, (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
          response.on('error', reject);
        });
        outgoing.on('error', reject);
        outgoing.end(body);
      }),
    close: () => agent.destroy(),
  };
};
