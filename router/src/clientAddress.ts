// Who a request comes from, as far as the router can trust it: the socket's peer, or behind
// TRUST_PROXY_HOPS proxies the address the farthest trusted proxy saw (the same rule as Express's
// `trust proxy` set to a number). Entries to the left of that one are the client's own say, never believed.
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/** What a request offers: its socket's peer and its X-Forwarded-For header(s). */
export interface RequestOrigin {
  socket: { remoteAddress?: string | undefined };
  headers: IncomingHttpHeaders;
}

/** For a socket that closed before its address was read. */
const UNKNOWN_ADDRESS = 'unknown';

export function clientAddressOf(request: RequestOrigin, trustedHops: number): string {
  const peer = plainAddress(request.socket.remoteAddress) ?? UNKNOWN_ADDRESS;
  if (trustedHops === 0) return peer;
  const forwarded = forwardedChain(request.headers['x-forwarded-for']);
  // Each trusted proxy appended the address it saw: the Nth from the right is the client's, as the
  // farthest trusted proxy saw it. A shorter chain (a request that skipped a proxy) gives its leftmost.
  const chosen = forwarded[Math.max(forwarded.length - trustedHops, 0)];
  // An entry that is no address at all is no one's address: the peer is all that is known.
  return plainAddress(chosen) ?? peer;
}

function forwardedChain(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const lines = Array.isArray(header) ? header : [header];
  return lines.flatMap((line) => line.split(',')).map((entry) => entry.trim());
}

/** An IP address as one client always shows: IPv4 without the IPv6 mapping prefix; null for anything else. */
function plainAddress(address: string | undefined): string | null {
  if (address === undefined) return null;
  const unmapped = address.toLowerCase().startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(unmapped) === 0 ? null : unmapped.toLowerCase();
}
