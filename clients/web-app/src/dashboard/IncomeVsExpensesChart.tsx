// The month's income against its expenses: two bars on one scale, and in words what the gap
// between them comes to (the server's net).
import { formatMoney } from '../money.js';
import { monthLabel } from './calendarMonth.js';
import { HorizontalBarChart } from './HorizontalBarChart.js';

interface IncomeVsExpensesChartProps {
  month: string;
  totalIncome: string;
  totalExpenses: string;
  net: string;
}

export function IncomeVsExpensesChart({ month, totalIncome, totalExpenses, net }: IncomeVsExpensesChartProps) {
  const summary = `Income ${formatMoney(totalIncome)} against expenses ${formatMoney(totalExpenses)} in ${monthLabel(month)}`;
  return (
    <figure className="card chart">
      <figcaption>Income against expenses</figcaption>
      <HorizontalBarChart
        summary={summary}
        labelHeader="Money"
        bars={[
          { label: 'Income', amount: totalIncome, tone: 'income' },
          { label: 'Expenses', amount: totalExpenses, tone: 'expense' },
        ]}
      />
      <p className="chart-note">{netInWords(net)}</p>
    </figure>
  );
}

function netInWords(net: string): string {
  if (net.startsWith('-')) return `${formatMoney(net.slice(1))} more went out than came in.`;
  return `${formatMoney(net)} of the month’s income is left over.`;
}
