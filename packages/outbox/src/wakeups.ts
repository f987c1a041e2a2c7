import pg from 'pg';

/** The channel event_outbox's insert trigger notifies (migration 0003). */
export const outboxChannel = 'tenantry_outbox';

export interface OutboxListener {
  close(): Promise<void>;
}

/**
 * Calls `onCommit` whenever events commit to the database at `url`, over one
 * session of its own: LISTEN needs a direct connection (not a transaction
 * pooler). A lost session is reopened with backoff, and `onCommit` runs
 * after each (re)connect, since notifications sent meanwhile are gone.
 */
export const listenForOutbox = (
  url: string,
  onCommit: () => void,
  options: { onError?: (error: unknown) => void; retryMs?: [number, number] } = {},
): OutboxListener => {
  const [retryMin, retryMax] = options.retryMs ?? [250, 10_000];
  let client: pg.Client | null = null;
  let closed = false;
  let retry = retryMin;
  let timer: NodeJS.Timeout | undefined;

  const reconnectLater = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retry);
    retry = Math.min(retry * 2, retryMax);
  };

  const connect = async () => {
    const session = new pg.Client({ connectionString: url, application_name: 'tenantry-outbox-listener' });
    client = session;
    session.on('notification', () => onCommit());
    session.on('error', (error) => {
      options.onError?.(error);
      void session.end().catch(() => {});
      if (client === session) reconnectLater();
    });
    try {
      await session.connect();
      await session.query(`listen ${outboxChannel}`);
      if (closed) return void (await session.end());
      retry = retryMin;
      onCommit();
    } catch (error) {
      options.onError?.(error);
      await session.end().catch(() => {});
      if (client === session) reconnectLater();
    }
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
};
