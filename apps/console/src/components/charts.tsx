import { axisTicks, barLayout, type Frame, linePath, niceMax, plotPoints, sparseLabels } from '../lib/chart';
import { formatNumber } from '../lib/format';

const frame: Frame = { width: 560, height: 220, padding: { top: 12, right: 16, bottom: 28, left: 40 } };
const innerBottom = frame.height - frame.padding.bottom;

const Axis = ({ max }: { max: number }) => (
  <g className="axis">
    {axisTicks(max).map((tick) => {
      const y = frame.padding.top + (1 - tick / max) * (innerBottom - frame.padding.top);
      return (
        <g key={tick}>
          <line
            x1={frame.padding.left}
            x2={frame.width - frame.padding.right}
            y1={y}
            y2={y}
            className="grid"
          />
          <text x={frame.padding.left - 6} y={y + 4} textAnchor="end">
            {formatNumber(tick)}
          </text>
        </g>
      );
    })}
  </g>
);

/**
 * A line over days (tenant growth, failed logins). The SVG is labelled for
 * screen readers and the same figures sit in a table beside it.
 */
export const LineChart = ({
  title,
  points,
}: {
  title: string;
  points: readonly { label: string; value: number }[];
}) => {
  const max = niceMax(Math.max(0, ...points.map((point) => point.value)));
  const plotted = plotPoints(
    points.map((point) => point.value),
    max,
    frame,
  );
  const shown = sparseLabels(points, 6);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${frame.width} ${frame.height}`} role="img" aria-label={title}>
        <Axis max={max} />
        <path d={linePath(plotted)} className="line" />
        {plotted.map((point, index) => (
          <g key={points[index]?.label ?? index}>
            <circle cx={point.x} cy={point.y} r={2.5} className="dot">
              <title>{`${points[index]?.label}: ${formatNumber(points[index]?.value ?? 0)}`}</title>
            </circle>
            {shown.has(index) ? (
              <text x={point.x} y={frame.height - 8} textAnchor="middle" className="x-label">
                {points[index]?.label}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <DataTable title={title} rows={points} />
    </figure>
  );
};

/** Bars by category (tenants by status). */
export const BarChart = ({
  title,
  bars,
}: {
  title: string;
  bars: readonly { label: string; value: number }[];
}) => {
  const max = niceMax(Math.max(0, ...bars.map((bar) => bar.value)));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${frame.width} ${frame.height}`} role="img" aria-label={title}>
        <Axis max={max} />
        {barLayout(bars, max, frame).map((bar) => (
          <g key={bar.label}>
            <rect
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={bar.height}
              className={`bar bar-${bar.label}`}
            >
              <title>{`${bar.label}: ${formatNumber(bar.value)}`}</title>
            </rect>
            <text x={bar.x + bar.width / 2} y={frame.height - 8} textAnchor="middle" className="x-label">
              {bar.label}
            </text>
            <text x={bar.x + bar.width / 2} y={bar.y - 4} textAnchor="middle" className="bar-value">
              {formatNumber(bar.value)}
            </text>
          </g>
        ))}
      </svg>
      <DataTable title={title} rows={bars} />
    </figure>
  );
};

const DataTable = ({ title, rows }: { title: string; rows: readonly { label: string; value: number }[] }) => (
  <details className="chart-data">
    <summary>Figures</summary>
    <table>
      <caption className="visually-hidden">{title}</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{formatNumber(row.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </details>
);
