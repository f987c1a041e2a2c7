/** A whole-number environment variable: unset or empty gives the fallback, anything else not a whole number fails start-up. */
export const envWholeNumber = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`expected a whole number, got "${value}"`);
  return parsed;
};
