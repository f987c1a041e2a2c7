/** Geometry for the dashboard's plain-SVG charts, kept pure so it is tested without a DOM. */

/** The smallest "nice" axis maximum (1, 2, 2.5, 5 x 10^n) at or above `value`; at least 1. */
export const niceMax = (value: number): number => {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
};

/**
 * Evenly spaced axis values from 0 to max: 4 or 5 steps, or fewer, whichever
 * keeps them whole numbers (the dashboard counts tenants, users and logins).
 */
export const axisTicks = (max: number): number[] => {
  const count = [4, 5, 2, 1].find((candidate) => Number.isInteger(max / candidate)) ?? 4;
  const step = max / count;
  return Array.from({ length: count + 1 }, (_, index) => Number((step * index).toFixed(2)));
};

export interface Frame {
  width: number;
  height: number;
  padding: { top: number; right: number; bottom: number; left: number };
}

export interface PlotPoint {
  x: number;
  y: number;
}

/** Where each value sits in the frame: x evenly spread, y scaled from 0..max (SVG y grows downwards). */
export const plotPoints = (values: readonly number[], max: number, frame: Frame): PlotPoint[] => {
  const { width, height, padding } = frame;
  const innerWidth = width - padding.left - padding.right;
  const innerHeight = height - padding.top - padding.bottom;
  const stepX = values.length > 1 ? innerWidth / (values.length - 1) : 0;
  return values.map((value, index) => ({
    x: padding.left + (values.length > 1 ? stepX * index : innerWidth / 2),
    y: padding.top + innerHeight - (Math.max(0, value) / max) * innerHeight,
  }));
};

/** An SVG path through the points (`M x y L x y ...`); empty for none. */
export const linePath = (points: readonly PlotPoint[]): string =>
  points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)} ${point.y.toFixed(1)}`)
    .join(' ');

export interface Bar {
  label: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Vertical bars, one per entry, with a gap of a quarter bar between them. */
export const barLayout = (
  entries: readonly { label: string; value: number }[],
  max: number,
  frame: Frame,
): Bar[] => {
  const { width, height, padding } = frame;
  const innerWidth = width - padding.left - padding.right;
  const innerHeight = height - padding.top - padding.bottom;
  const slot = entries.length > 0 ? innerWidth / entries.length : 0;
  const barWidth = slot * 0.75;
  return entries.map((entry, index) => {
    const barHeight = (Math.max(0, entry.value) / max) * innerHeight;
    return {
      label: entry.label,
      value: entry.value,
      x: padding.left + slot * index + (slot - barWidth) / 2,
      y: padding.top + innerHeight - barHeight,
      width: barWidth,
      height: barHeight,
    };
  });
};

/** Every n-th label so that at most `limit` show on an axis (the last one always). */
export const sparseLabels = <T>(items: readonly T[], limit: number): Set<number> => {
  const shown = new Set<number>();
  if (items.length === 0) return shown;
  const every = Math.max(1, Math.ceil(items.length / limit));
  for (let index = 0; index < items.length; index += every) shown.add(index);
  shown.add(items.length - 1);
  return shown;
};
