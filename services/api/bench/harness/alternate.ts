/**
 * Runs every arm once per round, in rotating order, so drift on the machine
 * (other load, caches warming, autovacuum) falls on all arms alike. Answers
 * each arm's rounds.
 */
export const alternate = async <Arm extends string, R>(
  arms: readonly Arm[],
  rounds: number,
  measure: (arm: Arm, round: number) => Promise<R>,
): Promise<Record<Arm, R[]>> => {
  const results = Object.fromEntries(arms.map((arm) => [arm, [] as R[]])) as Record<Arm, R[]>;
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < arms.length; index++) {
      const arm = arms[(index + round) % arms.length] as Arm;
      results[arm].push(await measure(arm, round));
    }
  }
  return results;
};

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
