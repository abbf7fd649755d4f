// Every test client connects from 127.0.0.1, so to a router they are all one client address: stacks
// started for tests take the router's login throttle per address off the table (its per-account
// limit stays), as they do the WebSocket limit per address. Tests of the throttle set their own limits.
export const ONE_ADDRESS_FOR_ALL_CLIENTS = { LOGIN_ATTEMPTS_PER_ADDRESS: '100000' } as const;
