/** Seconds per arm per round (BENCH_SECONDS), rounds per arm (BENCH_ROUNDS), closed-loop connections. */
export const benchSettings = {
  seconds: Number(process.env.BENCH_SECONDS || 5),
  rounds: Number(process.env.BENCH_ROUNDS || 3),
  connections: Number(process.env.BENCH_CONNECTIONS || 16),
};
