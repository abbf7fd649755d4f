// Moves the dashboard between months: links to the months either side, and a month field that
// goes to the month typed or picked when its form is sent (Enter), not on every keystroke, so
// typing a year digit by digit does not jump through the centuries.
import { useState, type FormEvent } from 'react';
import { hrefOf, navigate } from '../routing.js';
import { monthLabel, shiftMonth } from './calendarMonth.js';

const MONTH_VALUE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Keyed by month where it is used, so the field starts again from the month shown. */
export function MonthPicker({ month }: { month: string }) {
  const [picked, setPicked] = useState(month);
  const previous = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (MONTH_VALUE.test(picked)) navigate({ page: 'month', month: picked });
  }

  return (
    <nav className="month-picker" aria-label="Months">
      <a href={hrefOf({ page: 'month', month: previous })}>
        <span aria-hidden="true">← </span>
        <span className="visually-hidden">Previous month: </span>
        {monthLabel(previous)}
      </a>
      <form onSubmit={onSubmit} className="month-picker-form">
        <label htmlFor="month-picker-month">Month</label>
        <input id="month-picker-month" type="month" required value={picked} onChange={(event) => setPicked(event.target.value)} />
        <button type="submit" className="secondary">
          Show
        </button>
      </form>
      <a href={hrefOf({ page: 'month', month: next })}>
        <span className="visually-hidden">Next month: </span>
        {monthLabel(next)}
        <span aria-hidden="true"> →</span>
      </a>
    </nav>
  );
}
