// Group savings through the SDK, as the SPA's users try it against the real stack of processes:
// two friends in one challenge, one following it live while the other contributes, then a
// reconnect that resumes with `since`.
import { describe, expect, inject, it, vi } from 'vitest';
import WebSocket from 'ws';
import { uniqueCredentials } from '../../../test/support/router.js';
import {
  ContributeToGroupDocument,
  CreateSavingsGroupDocument,
  createLedgerlineClient,
  createLedgerlineSubscriptions,
  JoinSavingsGroupDocument,
  RegisterDocument,
  SavingsGroupDocument,
  type GroupSavingsEvent,
} from '../src/index.js';

const url = inject('routerUrl');
const webSocketUrl = url.replace(/^http/, 'ws');

async function signedIn() {
  const credentials = uniqueCredentials();
  const { data } = await createLedgerlineClient({ url }).mutate(RegisterDocument, credentials);
  const token = data!.register.token;
  return { username: credentials.username, token, client: createLedgerlineClient({ url, token }) };
}

function follower(token: string) {
  const received: GroupSavingsEvent[] = [];
  const failures: unknown[] = [];
  const live = createLedgerlineSubscriptions({ url: webSocketUrl, token: () => token, webSocketImpl: WebSocket });
  return {
    live,
    received,
    failures,
    handlers: { next: (event: GroupSavingsEvent) => void received.push(event), error: (error: unknown) => void failures.push(error) },
  };
}

describe('group savings through the SDK', () => {
  it("shows one friend the other's contribution live, and replays exactly what a reconnect missed", async () => {
    const [ada, bo] = [await signedIn(), await signedIn()];
    const created = await ada.client.mutate(CreateSavingsGroupDocument, {
      name: 'Lisbon trip',
      targetAmount: '600.00',
      deadline: '2099-06-30',
    });
    const group = created.data!.createSavingsGroup;
    expect((await bo.client.mutate(JoinSavingsGroupDocument, { inviteCode: group.inviteCode })).errors).toBeUndefined();

    const watching = follower(ada.token);
    const read = await ada.client.query(SavingsGroupDocument, { id: group.id });
    expect(read.errors).toBeUndefined();
    expect(read.data?.savingsGroup.members.map((member) => [member.user?.username, member.isOwner])).toEqual([
      [ada.username, true],
      [bo.username, false],
    ]);
    const { lastSequence } = read.data!.savingsGroup;
    const stop = watching.live.followGroupSavings({ groupId: group.id, since: lastSequence }, watching.handlers);
    await bo.client.mutate(ContributeToGroupDocument, { groupId: group.id, amount: '150.00', message: 'flights' });
    await vi.waitFor(() => expect(watching.received).toHaveLength(1), { timeout: 5_000 });
    expect(watching.received[0]).toMatchObject({
      sequence: 1,
      contribution: { amount: '150.00', message: 'flights', contributor: { username: bo.username } },
      progress: { total: '150.00', percent: 25, target: '600.00', targetReached: false },
    });
    stop();
    await watching.live.dispose();

    await bo.client.mutate(ContributeToGroupDocument, { groupId: group.id, amount: '50.00' });
    await bo.client.mutate(ContributeToGroupDocument, { groupId: group.id, amount: '400.00', message: 'there!' });
    const resumed = follower(ada.token);
    resumed.live.followGroupSavings({ groupId: group.id, since: watching.received[0]!.sequence }, resumed.handlers);
    await vi.waitFor(() => expect(resumed.received).toHaveLength(2), { timeout: 5_000 });
    expect(
      resumed.received.map((event) => [event.sequence, event.contribution.amount, event.progress.total, event.progress.targetReached]),
    ).toEqual([
      [2, '50.00', '200.00', false],
      [3, '400.00', '600.00', true],
    ]);
    expect(resumed.failures).toEqual([]);
    const reached = (await bo.client.query(SavingsGroupDocument, { id: group.id })).data?.savingsGroup;
    expect(reached?.status).toBe('TARGET_REACHED');
    expect(reached?.leaderboard.map((place) => [place.rank, place.contributor?.username, place.total])).toEqual([
      [1, bo.username, '600.00'],
    ]);
    const late = await ada.client.mutate(ContributeToGroupDocument, { groupId: group.id, amount: '1.00' });
    expect(late.errors?.map((error) => error.extensions?.code)).toEqual(['GROUP_CLOSED']);
    await resumed.live.dispose();
  });

  it('refuses to follow a group the user is not in, with FORBIDDEN', async () => {
    const [ada, stranger] = [await signedIn(), await signedIn()];
    const created = await ada.client.mutate(CreateSavingsGroupDocument, { name: 'Private', targetAmount: '10.00', deadline: '2099-01-01' });
    const outsider = follower(stranger.token);
    outsider.live.followGroupSavings({ groupId: created.data!.createSavingsGroup.id }, outsider.handlers);
    await vi.waitFor(() => expect(outsider.failures).toHaveLength(1), { timeout: 5_000 });
    expect(outsider.failures[0]).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    await outsider.live.dispose();
  });
});
