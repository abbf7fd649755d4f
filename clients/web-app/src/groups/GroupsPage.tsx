import { Page } from '../layout/Page.js';

export function GroupsPage() {
  return <Page title="Group challenges">TODO</Page>;
}
