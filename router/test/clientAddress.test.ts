import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '../src/clientAddress.js';

const from = (remoteAddress: string | undefined, forwardedFor?: string | string[]) => ({
  socket: { remoteAddress },
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
});

describe('the client address', () => {
  it('is the socket’s peer with no trusted proxy, whatever X-Forwarded-For claims', () => {
    expect(clientAddressOf(from('198.51.100.4', '203.0.113.9'), 0)).toBe('198.51.100.4');
  });

  it('is the address the one trusted proxy saw: the rightmost entry, not the client’s own claims to its left', () => {
    expect(clientAddressOf(from('10.0.0.2', '1.2.3.4, 203.0.113.9'), 1)).toBe('203.0.113.9');
  });

  it('is the Nth entry from the right behind N proxies, across repeated headers', () => {
    expect(clientAddressOf(from('10.0.0.2', ['1.2.3.4, 203.0.113.9', '10.0.0.7']), 2)).toBe('203.0.113.9');
  });

  it('is the leftmost entry of a chain shorter than the proxies trusted, never further', () => {
    expect(clientAddressOf(from('10.0.0.2', '203.0.113.9'), 3)).toBe('203.0.113.9');
  });

  it('is the socket’s peer when a trusted proxy sent no X-Forwarded-For, or an entry that is no address', () => {
    expect(clientAddressOf(from('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(clientAddressOf(from('10.0.0.2', 'not-an-address'), 1)).toBe('10.0.0.2');
  });

  it('shows an IPv4 client one way, with or without the IPv6 mapping, and IPv6 in lower case', () => {
    expect(clientAddressOf(from('::ffff:192.0.2.1'), 0)).toBe('192.0.2.1');
    expect(clientAddressOf(from('10.0.0.2', '2001:DB8::1'), 1)).toBe('2001:db8::1');
  });

  it('is "unknown" for a socket that closed before its address was read', () => {
    expect(clientAddressOf(from(undefined), 0)).toBe('unknown');
  });
});
