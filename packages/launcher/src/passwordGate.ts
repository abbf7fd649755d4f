// The embedded PostgreSQL's TCP port: every connection must prove it knows the password (SCRAM-SHA-256) before its
// bytes reach PGlite's socket server, which answers only on a Unix socket in a directory of the owner's. PGlite itself
// answers every startup message with AuthenticationOk (it ignores pg_hba.conf and role passwords), so the check is here.
import net from 'node:net';
import {
  MessageReader,
  authenticationMessage,
  fatalError,
  gssEncryptionRequestCode,
  parseSaslInitialResponse,
  protocolVersion3,
  sslRequestCode,
} from './postgresMessages.js';
import { scramMechanism, scramVerifier, startScramExchange, type ScramVerifier } from './scramSha256.js';

/** A client that has not authenticated by then is dropped, so idle connections cannot pile up. */
const AUTHENTICATION_TIMEOUT_MS = 10_000;

export interface PasswordGate {
  port: number;
  close(): Promise<void>;
}

const refusal = (message: string) => fatalError('28P01', message);

/** Runs the startup and SCRAM exchange; resolves with the client's StartupMessage once it has proved the password. */
async function authenticate(client: net.Socket, reader: MessageReader, verifier: ScramVerifier): Promise<Buffer | null> {
  let startup = await reader.startupMessage();
  // No TLS on loopback: PostgreSQL answers 'N' and the client goes on in the clear.
  while ([sslRequestCode, gssEncryptionRequestCode].includes(startup.readInt32BE(4))) {
    client.write('N');
    startup = await reader.startupMessage();
  }
  // A CancelRequest, too, ends here: PGlite cannot cancel a query.
  if (startup.readInt32BE(4) !== protocolVersion3) return null;
  client.write(authenticationMessage(10, `${scramMechanism}\0\0`));

  const initial = await reader.typedMessage();
  const response = initial.type === 'p' ? parseSaslInitialResponse(initial.body) : null;
  const exchange = response?.mechanism === scramMechanism ? startScramExchange(verifier, response.data) : null;
  if (exchange === null) {
    client.end(refusal('password authentication failed: expected a SCRAM-SHA-256 exchange'));
    return null;
  }
  client.write(authenticationMessage(11, exchange.serverFirst));

  const final = await reader.typedMessage();
  const signature = final.type === 'p' ? exchange.finish(final.body.toString('utf8')) : null;
  if (signature === null) {
    client.end(refusal('password authentication failed'));
    return null;
  }
  client.write(authenticationMessage(12, signature));
  return startup;
}

function admit(client: net.Socket, verifier: ScramVerifier, innerPath: string): void {
  const reader = new MessageReader(client);
  client.setTimeout(AUTHENTICATION_TIMEOUT_MS, () => client.destroy());
  client.on('error', () => client.destroy());
  authenticate(client, reader, verifier).then(
    (startup) => {
      if (startup === null) return void client.end();
      client.setTimeout(0);
      const server = net.connect(innerPath);
      // PGlite answers the original StartupMessage with AuthenticationOk and the session's parameters.
      server.write(Buffer.concat([startup, reader.release()]));
      client.pipe(server);
      server.pipe(client);
      server.on('error', () => server.destroy());
      server.once('close', () => client.destroy());
      client.once('close', () => server.destroy());
    },
    () => client.destroy(),
  );
}

/** Listens on host:port (0 for any free port) and forwards authenticated connections to the Unix socket at `innerPath`. */
export async function openPasswordGate(options: {
  host: string;
  port: number;
  password: string;
  innerPath: string;
}): Promise<PasswordGate> {
  const verifier = scramVerifier(options.password);
  const clients = new Set<net.Socket>();
  const server = net.createServer((client) => {
    clients.add(client);
    client.once('close', () => clients.delete(client));
    admit(client, verifier, options.innerPath);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const client of clients) client.destroy();
      }),
  };
}
