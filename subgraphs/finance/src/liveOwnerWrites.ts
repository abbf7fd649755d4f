// What keeps an account deletion from leaving orphan rows. Every Finance mutation starts only once
// the User service has said afresh that the caller's token is live (the admission in server.ts),
// and that call is made outside any database transaction, so no connection is held while another
// service answers.
//
// The User service revokes the tokens (t0) before it asks Finance to erase (t1). A change or
// deletion that slips in after the erasure finds no row to touch. An insert is the one write that
// could outlive the erasure, so after it commits the token is checked once more: still live means
// that check ran before t0, so the row was there before the erasure, which removes it; refused
// means the row may have missed the erasure, so it is taken back and the write refused. Either way
// no row outlives its account.
import type { Caller } from '@ledgerline/identity';
import type { TokenChecks } from '@ledgerline/service-runtime';

/** Runs `insert` for a caller admitted afresh, and keeps its row only if the token is still live afterwards. */
export async function insertAsLiveOwner<Row>(
  tokens: TokenChecks,
  caller: Caller,
  insert: () => Promise<Row>,
  takeBack: (row: Row) => Promise<unknown>,
): Promise<Row> {
  const row = await insert();
  try {
    await tokens.assertLive(caller, 'fresh');
  } catch (error) {
    // Revoked, or the User service went away in between: the write is refused, so it must not stay.
    await takeBack(row);
    throw error;
  }
  return row;
}
