import { Page } from '../layout/Page.js';

export function MonthPage({ month }: { month: string }) {
  return <Page title={`Dashboard ${month}`}>TODO</Page>;
}
