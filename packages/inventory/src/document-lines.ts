/** Item ids a document's lines name more than once (each once): a transfer or a count holds each item once. */
export const repeatedItems = (lines: readonly { itemId: string }[]): string[] => {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { itemId } of lines) {
    if (seen.has(itemId)) repeated.add(itemId);
    seen.add(itemId);
  }
  return [...repeated];
};
