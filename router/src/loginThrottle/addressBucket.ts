// Which addresses the login throttle counts as one client. One IPv6 subscriber is handed a whole
// /64 (2^64 addresses), so counting IPv6 per address would give an attacker a fresh limit per
// request: IPv6 addresses are counted by their /64 prefix, IPv4 addresses one by one.
import { isIPv6 } from 'node:net';

export function addressBucketOf(address: string): string {
  if (!isIPv6(address)) return address;
  const groups = expandedIPv6(address);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros ("2001:db8::1" → 2001, db8, 0, 0, 0, 0, 0, 1). */
function expandedIPv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const groupsOf = (part: string | undefined) => (part === undefined || part === '' ? [] : part.split(':'));
  const [before, after] = [groupsOf(head), groupsOf(tail)];
  const missing = tail === undefined ? [] : Array.from({ length: 8 - before.length - after.length }, () => '0');
  return [...before, ...missing, ...after].map((group) => (group.includes('.') ? group : group.replace(/^0+(?=.)/, '')));
}
