import { Page } from '../layout/Page.js';

export function JoinGroupPage({ inviteCode }: { inviteCode: string }) {
  return <Page title={`Join ${inviteCode}`}>TODO</Page>;
}
