import { Page } from '../layout/Page.js';

export function GroupPage({ groupId }: { groupId: string }) {
  return <Page title={`Group ${groupId}`}>TODO</Page>;
}
