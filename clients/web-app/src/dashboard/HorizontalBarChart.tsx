// Horizontal bars drawn as SVG, one per labelled amount, the longest for the largest. The picture
// is one image to assistive technology (named by `summary`); the same numbers follow in a table
// that is read instead of seen.
import { formatMoney, magnitude } from '../money.js';
import { useElementWidth } from './useElementWidth.js';

export interface ChartBar {
  label: string;
  amount: string;
  /** The bar's colour: each passes 3:1 against the card (styles.css). */
  tone: 'income' | 'expense';
}

interface HorizontalBarChartProps {
  /** Says in words what the bars show, with their numbers: the image's accessible name. */
  summary: string;
  bars: readonly ChartBar[];
  /** The header of the table's label column ("Category"). */
  labelHeader: string;
}

/** Until the chart's width is measured. */
const ASSUMED_WIDTH = 520;
const LABEL_WIDTH = 130;
const AMOUNT_WIDTH = 100;
const SMALLEST_BAR_AREA = 60;
const ROW_HEIGHT = 36;
const BAR_HEIGHT = 22;
/** Longer labels are cut to fit the label column; the table beneath has them whole. */
const LONGEST_LABEL = 15;
/** A bar for a tiny amount next to a huge one still shows. */
const SHORTEST_BAR = 2;

export function HorizontalBarChart({ summary, bars, labelHeader }: HorizontalBarChartProps) {
  const { element, width: chartWidth } = useElementWidth<HTMLDivElement>(ASSUMED_WIDTH);
  const barArea = Math.max(SMALLEST_BAR_AREA, chartWidth - LABEL_WIDTH - AMOUNT_WIDTH);
  const largest = Math.max(...bars.map((bar) => magnitude(bar.amount)), 0);
  const height = bars.length * ROW_HEIGHT;
  return (
    <div ref={element}>
      <svg className="bar-chart" role="img" aria-label={summary} width={chartWidth} height={height} viewBox={`0 0 ${chartWidth} ${height}`}>
        {bars.map((bar, index) => {
          const width = largest === 0 ? 0 : Math.max(SHORTEST_BAR, (magnitude(bar.amount) / largest) * barArea);
          const middle = index * ROW_HEIGHT + ROW_HEIGHT / 2;
          return (
            <g key={bar.label}>
              <text className="bar-label" x={0} y={middle} dominantBaseline="middle">
                {shortened(bar.label)}
              </text>
              <rect
                className={`bar bar-${bar.tone}`}
                x={LABEL_WIDTH}
                y={middle - BAR_HEIGHT / 2}
                width={width}
                height={BAR_HEIGHT}
                rx={3}
              />
              <text className="bar-amount" x={LABEL_WIDTH + width + 8} y={middle} dominantBaseline="middle">
                {formatMoney(bar.amount)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{formatMoney(bar.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function shortened(label: string): string {
  return label.length > LONGEST_LABEL ? `${label.slice(0, LONGEST_LABEL - 1)}…` : label;
}
