/**
 * The smallest Bolt 5.0 peer neo4j-driver will talk to: it shakes hands, accepts HELLO, and
 * answers every query with one record `ok: 1`. It stands in for "Neo4j is back" in the recovery
 * test, where only the driver's reconnection is under test, not Cypher.
 */
import net from 'node:net';

export const SIGNATURE = { HELLO: 0x01, GOODBYE: 0x02, RESET: 0x0f, RUN: 0x10, BEGIN: 0x11, COMMIT: 0x12, ROLLBACK: 0x13, DISCARD: 0x2f, PULL: 0x3f, LOGON: 0x6a } as const;

function str(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length > 15) throw new Error('fake Bolt peer: strings up to 15 bytes only');
  return Buffer.concat([Buffer.from([0x80 | bytes.length]), bytes]);
}

/** A tiny PackStream map of short strings and small integers. */
function map(entries: Record<string, string | number | string[]>): Buffer {
  const parts: Buffer[] = [Buffer.from([0xa0 | Object.keys(entries).length])];
  for (const [k, v] of Object.entries(entries)) {
    parts.push(str(k));
    if (typeof v === 'number') parts.push(Buffer.from([v]));
    else if (Array.isArray(v)) parts.push(Buffer.from([0x90 | v.length]), ...v.map(str));
    else parts.push(str(v));
  }
  return Buffer.concat(parts);
}

/** One message in one chunk, then the end marker. */
function message(signature: number, field: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from([0xb1, signature]), field]);
  const size = Buffer.alloc(2);
  size.writeUInt16BE(body.length);
  return Buffer.concat([size, body, Buffer.from([0, 0])]);
}

const success = (meta: Record<string, string | number | string[]> = {}) => message(0x70, map(meta));
const record = (value: number) => message(0x71, Buffer.from([0x91, value]));

function answer(signature: number): Buffer[] {
  switch (signature) {
    case SIGNATURE.HELLO:
      return [success({ server: 'Neo4j/5.26.0', connection_id: 'bolt-1' })];
    case SIGNATURE.RUN:
      return [success({ fields: ['ok'], t_first: 0 })];
    case SIGNATURE.PULL:
      return [record(1), success({ type: 'r', t_last: 0 })];
    case SIGNATURE.GOODBYE:
      return [];
    default:
      return [success()];
  }
}

export interface FakeBolt {
  port: number;
  /** Every message received after the handshake, whole: its signature byte and its PackStream fields. */
  received: Array<{ signature: number; fields: Buffer }>;
  close(): Promise<void>;
}

/** The integer that follows the string `key` in a message's fields (a PackStream map entry); undefined when absent. */
export function integerAfter(fields: Buffer, key: string): number | undefined {
  const at = fields.indexOf(str(key));
  if (at < 0) return undefined;
  const i = at + str(key).length;
  const marker = fields[i]!;
  if (marker === 0xc8) return fields.readInt8(i + 1);
  if (marker === 0xc9) return fields.readInt16BE(i + 1);
  if (marker === 0xca) return fields.readInt32BE(i + 1);
  if (marker === 0xcb) return Number(fields.readBigInt64BE(i + 1));
  return marker < 0x80 ? marker : marker - 0x100;
}

export async function startFakeBolt(port = 0): Promise<FakeBolt> {
  const sockets = new Set<net.Socket>();
  const received: FakeBolt['received'] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let shookHands = false;
    let chunks: Buffer[] = [];
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (!shookHands) {
        if (buffer.length < 20) return;
        buffer = buffer.subarray(20);
        shookHands = true;
        socket.write(Buffer.from([0, 0, 0, 5])); // Bolt 5.0
      }
      // Messages arrive as chunks (2-byte size, bytes) ended by an empty chunk.
      while (buffer.length >= 2) {
        const size = buffer.readUInt16BE(0);
        if (buffer.length < 2 + size) return;
        const chunk = buffer.subarray(2, 2 + size);
        buffer = buffer.subarray(2 + size);
        if (size > 0) {
          chunks.push(chunk);
          continue;
        }
        const whole = Buffer.concat(chunks);
        chunks = [];
        if (whole.length < 2) continue;
        received.push({ signature: whole[1]!, fields: whole.subarray(2) });
        for (const out of answer(whole[1]!)) socket.write(out);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
