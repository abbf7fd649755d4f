// The few PostgreSQL wire-protocol messages the password gate reads and writes before a connection is handed on.
import type { Socket } from 'node:net';

export const protocolVersion3 = 196608;
export const sslRequestCode = 80877103;
export const gssEncryptionRequestCode = 80877104;

/** PostgreSQL refuses startup packets longer than this (MAX_STARTUP_PACKET_LENGTH); authentication messages are smaller still. */
const largestMessage = 10_000;

export function backendMessage(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** An Authentication message: `kind` 10 is SASL, 11 SASLContinue, 12 SASLFinal. */
export function authenticationMessage(kind: number, data: string): Buffer {
  const code = Buffer.alloc(4);
  code.writeInt32BE(kind);
  return backendMessage('R', Buffer.concat([code, Buffer.from(data)]));
}

export function fatalError(sqlState: string, message: string): Buffer {
  return backendMessage('E', Buffer.from(`SFATAL\0VFATAL\0C${sqlState}\0M${message}\0\0`));
}

/** SASLInitialResponse's body: the mechanism's name, then the client's first message. */
export function parseSaslInitialResponse(body: Buffer): { mechanism: string; data: string } | null {
  const end = body.indexOf(0);
  if (end < 0 || body.length < end + 5) return null;
  const length = body.readInt32BE(end + 1);
  return { mechanism: body.toString('utf8', 0, end), data: body.toString('utf8', end + 5, end + 5 + Math.max(length, 0)) };
}

/** Reads whole messages from a socket until it is handed on; rejects when the client goes away or sends nonsense. */
export class MessageReader {
  private buffered = Buffer.alloc(0);
  private wake: () => void = () => {};
  private gone = false;

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.once('close', this.onClose);
  }

  private readonly onData = (chunk: Buffer) => {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    this.wake();
  };

  private readonly onClose = () => {
    this.gone = true;
    this.wake();
  };

  private async bytes(count: number): Promise<Buffer> {
    while (this.buffered.length < count) {
      if (this.gone) throw new Error('connection closed during authentication');
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    const taken = this.buffered.subarray(0, count);
    this.buffered = this.buffered.subarray(count);
    return taken;
  }

  private checkedLength(length: number): number {
    if (length < 4 || length > largestMessage) throw new Error(`message of ${length} bytes during authentication`);
    return length;
  }

  /** A startup-phase message (StartupMessage, SSLRequest...): a length, then a code; returned whole. */
  async startupMessage(): Promise<Buffer> {
    const header = await this.bytes(4);
    const rest = await this.bytes(this.checkedLength(header.readInt32BE(0)) - 4);
    return Buffer.concat([header, rest]);
  }

  async typedMessage(): Promise<{ type: string; body: Buffer }> {
    const header = await this.bytes(5);
    return { type: header.toString('latin1', 0, 1), body: await this.bytes(this.checkedLength(header.readInt32BE(1)) - 4) };
  }

  /** Stops reading and returns what arrived after the last message read. */
  release(): Buffer {
    this.socket.off('data', this.onData);
    this.socket.off('close', this.onClose);
    this.socket.pause();
    return this.buffered;
  }
}
