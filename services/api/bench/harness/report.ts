/** One benchmark scenario's outcome, as docs/performance.md shows it. */
export interface ScenarioResult {
  id: string;
  title: string;
  /** What ran, on what data, how long: one paragraph. */
  method: string;
  /** The measured arms, one row each. */
  table: { header: string[]; rows: (string | number)[][] };
  ratios: Ratio[];
  /** What the figures show, what limits them. */
  notes: string[];
}

export interface Ratio {
  label: string;
  value: number;
  /** e.g. ">= 0.75": the target, reported beside the figure. */
  target: string;
  met: boolean;
}

export const atLeast = (label: string, value: number, target: number): Ratio => ({
  label,
  value,
  target: `>= ${target}`,
  met: value >= target,
});

export const atMost = (label: string, value: number, target: number): Ratio => ({
  label,
  value,
  target: `<= ${target}`,
  met: value <= target,
});

export const fixed = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;

export const markdownTable = (header: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');

export const renderScenario = (result: ScenarioResult): string =>
  [
    `## ${result.id}: ${result.title}`,
    '',
    result.method,
    '',
    markdownTable(result.table.header, result.table.rows),
    '',
    markdownTable(
      ['ratio', 'measured', 'target', 'met'],
      result.ratios.map((ratio) => [
        ratio.label,
        fixed(ratio.value, 3),
        ratio.target,
        ratio.met ? 'yes' : 'no',
      ]),
    ),
    '',
    ...result.notes.map((note) => `- ${note}`),
  ].join('\n');
