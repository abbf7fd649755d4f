// How far a group is toward its target, as a bar a screen reader reads as "1,250.00 of 5,000.00
// saved". The width comes from the server's percent; the amounts are its exact strings.
import { formatMoney } from '../money.js';

interface ProgressBarProps {
  label: string;
  total: string;
  target: string;
  percent: number;
  size?: 'large' | 'small';
}

export function ProgressBar({ label, total, target, percent, size = 'large' }: ProgressBarProps) {
  // The percent may pass 100 (a last contribution that overshoots); the bar stops at full.
  const filled = Math.min(Math.max(percent, 0), 100);
  return (
    <div
      className={`progress progress-${size}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={filled}
      aria-valuetext={`${formatMoney(total)} of ${formatMoney(target)} saved`}
    >
      <div className={filled >= 100 ? 'progress-fill complete' : 'progress-fill'} style={{ width: `${filled}%` }} />
    </div>
  );
}
