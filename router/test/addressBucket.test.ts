import { describe, expect, it } from 'vitest';
import { addressBucketOf } from '../src/loginThrottle/addressBucket.js';

describe('the address the login throttle counts', () => {
  it('is an IPv4 address itself', () => {
    expect(addressBucketOf('203.0.113.9')).toBe('203.0.113.9');
  });

  it('is the /64 of an IPv6 address, however the address is written', () => {
    expect(addressBucketOf('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(addressBucketOf('2001:0db8:0000:0001:ffff:0:0:7')).toBe('2001:db8:0:1::/64');
    expect(addressBucketOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucketOf('::1')).toBe('0:0:0:0::/64');
    expect(addressBucketOf('fe80::')).toBe('fe80:0:0:0::/64');
  });

  it('leaves anything that is not an address as it is', () => {
    expect(addressBucketOf('unknown')).toBe('unknown');
  });
});
