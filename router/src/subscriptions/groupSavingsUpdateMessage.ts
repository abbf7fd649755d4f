// The original design's message for a group savings update, built from a GroupSavingsEvent read
// with UPDATE_SELECTION: `{ user_id, contribution_amount, message, timestamp }`.

/** What the raw route reads of each event. */
export const UPDATE_SELECTION = 'contribution { amount message createdAt contributor { id } }';

export interface GroupSavingsUpdateMessage {
  /** The contributor; null once their account is deleted (their contribution stays in the group). */
  user_id: number | null;
  /** A JSON number with at most two decimals, converted from the exact decimal string. */
  contribution_amount: number;
  /** What the contributor wrote; empty when nothing. */
  message: string;
  /** ISO 8601, UTC. */
  timestamp: string;
}

interface SelectedEvent {
  contribution?: { amount?: string; message?: string | null; createdAt?: string; contributor?: { id?: string } | null };
}

/** The message for an event, or null when the event came back without its contribution (a subgraph could not answer). */
export function groupSavingsUpdateMessage(event: SelectedEvent | null | undefined): GroupSavingsUpdateMessage | null {
  const contribution = event?.contribution;
  if (contribution?.amount === undefined || contribution.createdAt === undefined) return null;
  const contributorId = contribution.contributor?.id;
  return {
    user_id: contributorId === undefined ? null : Number(contributorId),
    contribution_amount: Number(contribution.amount),
    message: contribution.message ?? '',
    timestamp: contribution.createdAt,
  };
}
