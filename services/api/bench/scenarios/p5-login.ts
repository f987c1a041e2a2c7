import { verify } from '@node-rs/argon2';
import Fastify from 'fastify';
import pg from 'pg';
import { benchPassword, startBenchPlatform } from '../bench-platform';
import { alternate, median } from '../harness/alternate';
import { runLoad } from '../harness/load';
import { atLeast, fixed, type ScenarioResult } from '../harness/report';
import { benchSettings } from '../harness/settings';
import { seedItems } from './p1-list-arms';

const arms = ['verify', 'login'] as const;

/**
 * P5: POST /v1/auth/login against a bare Fastify route that only verifies the
 * same stored argon2id hash (so at the configured parameters); then P1's
 * list latency while logins saturate the machine, against idle.
 */
export const p5Login = async (): Promise<ScenarioResult> => {
  const { seconds, rounds } = benchSettings;
  const connections = 8;
  const platform = await startBenchPlatform();
  const bare = Fastify();
  try {
    // Logins of their own: a user's oldest sessions give way to new ones, and the list's token must live.
    const { email } = await platform.addTenant('logins');
    const owner = new pg.Client({ connectionString: platform.databaseUrl });
    await owner.connect();
    const storedHash = (
      await owner.query<{ password_hash: string }>('select password_hash from users where email = $1', [
        email,
      ])
    ).rows[0]?.password_hash as string;
    await owner.end();
    const parameters = /\$argon2id\$v=\d+\$([^$]+)\$/.exec(storedHash)?.[1] ?? 'unknown';
    bare.post('/verify', async (request) => {
      const { password } = request.body as { password: string };
      return { data: { ok: await verify(storedHash, password) } };
    });
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
    const body = JSON.stringify({ email, password: benchPassword });
    const urls = { verify: `${bareUrl}/verify`, login: `${platform.address}/v1/auth/login` };
    const load = (arm: (typeof arms)[number]) =>
      runLoad({
        url: urls[arm],
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections,
        seconds,
      });
    for (const arm of arms) await load(arm);
    const closed = await alternate(arms, rounds, load);
    const rps = (arm: (typeof arms)[number]) => median(closed[arm].map((result) => result.rps));
    const p95 = (arm: (typeof arms)[number]) => median(closed[arm].map((result) => result.p95));

    // P1's list during a login burst: the same open-loop rate alone and beside the burst.
    await seedItems(platform.databaseUrl, { tenantIds: [platform.owner.tenantId], perTenant: 1_000 });
    const list = {
      url: `${platform.address}/v1/inventory/items?limit=50`,
      headers: { authorization: `Bearer ${platform.owner.token}` },
    };
    const listMax = (await runLoad({ ...list, connections: 16, seconds })).rps;
    const listRate = Math.max(1, Math.round(0.3 * listMax));
    const listAlone = () => runLoad({ ...list, connections: 64, seconds, rate: listRate });
    const listInBurst = async () => {
      const [listed] = await Promise.all([listAlone(), load('login')]);
      return listed;
    };
    const during = await alternate(['idle', 'burst'] as const, rounds, (arm) =>
      arm === 'idle' ? listAlone() : listInBurst(),
    );
    const listP95 = (arm: 'idle' | 'burst') => median(during[arm].map((result) => result.p95));
    return {
      id: 'P5',
      title: 'login',
      method: `POST /v1/auth/login (the owner's e-mail and password: argon2id ${parameters}, session row, tokens) against a bare Fastify route verifying the same stored hash with @node-rs/argon2; ${connections} connections, ${seconds} s per arm, ${rounds} rounds alternating, medians. Then GET /v1/inventory/items?limit=50 in open loop at ${listRate} req/s (30 % of its maximum) idle and during a login burst (${connections} connections).`,
      table: {
        header: ['arm', 'req/s', 'x bound', 'p95 ms'],
        rows: [
          [
            'argon2id verify behind a bare route (bound)',
            fixed(rps('verify')),
            '1.000',
            fixed(p95('verify')),
          ],
          [
            'platform login',
            fixed(rps('login')),
            fixed(rps('login') / rps('verify'), 3),
            fixed(p95('login')),
          ],
          [`list at ${listRate} req/s, idle`, '', '', fixed(listP95('idle'))],
          [
            `list at ${listRate} req/s, during the login burst`,
            '',
            fixed(listP95('burst') / listP95('idle'), 3),
            fixed(listP95('burst')),
          ],
        ],
      },
      ratios: [atLeast('throughput, login / argon2id verify', rps('login') / rps('verify'), 0.85)],
      notes: [
        "argon2id runs on libuv's thread pool (4 threads), so a login burst takes the CPU the list needs; the last row shows how much the list's p95 grows meanwhile (no target is set for it).",
      ],
    };
  } finally {
    await bare.close();
    await platform.close();
  }
};
