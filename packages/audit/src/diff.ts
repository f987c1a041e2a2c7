export type FieldChange = { before: unknown; after: unknown };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Field-level changes between two states: created (before absent) lists every
 * field with before null, deleted the reverse. Unchanged fields are left out.
 */
export const diffStates = (
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, FieldChange> => {
  const changes: Record<string, FieldChange> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const previous = before?.[key] ?? null;
    const next = after?.[key] ?? null;
    if (!same(previous, next)) changes[key] = { before: previous, after: next };
  }
  return changes;
};
