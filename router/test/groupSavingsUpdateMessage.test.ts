// The original design's WebSocket message, built from an event as the router reads it.
import { describe, expect, it } from 'vitest';
import { groupSavingsUpdateMessage } from '../src/subscriptions/groupSavingsUpdateMessage.js';

describe('group savings update message', () => {
  it('has the original shape: an integer user id, the amount as a JSON number, the message and an ISO timestamp', () => {
    const message = groupSavingsUpdateMessage({
      contribution: { amount: '1234.05', message: 'for the tent', createdAt: '2026-11-26T10:00:00.000Z', contributor: { id: '42' } },
    });
    expect(message).toEqual({ user_id: 42, contribution_amount: 1234.05, message: 'for the tent', timestamp: '2026-11-26T10:00:00.000Z' });
    expect(JSON.stringify(message)).toBe(
      '{"user_id":42,"contribution_amount":1234.05,"message":"for the tent","timestamp":"2026-11-26T10:00:00.000Z"}',
    );
  });

  it('sends an empty message when none was written, and no user for a deleted account', () => {
    expect(
      groupSavingsUpdateMessage({
        contribution: { amount: '5.00', message: null, createdAt: '2026-11-26T10:00:00.000Z', contributor: null },
      }),
    ).toEqual({ user_id: null, contribution_amount: 5, message: '', timestamp: '2026-11-26T10:00:00.000Z' });
  });

  it('gives nothing for an event that came back without its contribution', () => {
    expect(groupSavingsUpdateMessage(null)).toBeNull();
    expect(groupSavingsUpdateMessage({})).toBeNull();
  });
});
