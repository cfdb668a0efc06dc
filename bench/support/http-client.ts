// A lean HTTP/1.1 client for load generators: keep-alive connections over plain sockets, each request written as one
// prebuilt buffer, each answer read to its Content-Length. The load generator shares the machine's cores with the
// server it measures; a general client (fetch, undici) spends several times more CPU per request, taken from the server.
import { connect, type Socket } from 'node:net';

export interface Answer {
  status: number;
  body: Buffer;
}

interface Pending {
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** A POST of `body` (JSON) to `path`, ready to be written as it is, as often as needed. */
export function jsonPost(host: string, path: string, body: string): Buffer {
  const payload = Buffer.from(body);
  const head = `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), payload]);
}

/** One keep-alive connection, one request at a time (no pipelining); reconnects when the server closes it. */
class Connection {
  private socket: Socket | null = null;
  private pending: Pending | null = null;
  private chunks: Buffer[] = [];
  private received = 0;

  constructor(
    private readonly port: number,
    private readonly host: string,
  ) {}

  send(request: Buffer): Promise<Answer> {
    if (this.pending) return Promise.reject(new Error('busy'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.open().write(request);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private open(): Socket {
    if (this.socket) return this.socket;
    const socket = connect({ port: this.port, host: this.host, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
      this.fail(new Error('the server closed the connection'));
    });
    this.socket = socket;
    return socket;
  }

  private read(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.received += chunk.length;
    const data = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks);
    const headerEnd = data.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = data.subarray(0, headerEnd).toString('latin1');
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1]);
    if (!Number.isFinite(length)) return this.fail(new Error('an answer without Content-Length'));
    const bodyStart = headerEnd + HEADER_END.length;
    if (this.received < bodyStart + length) {
      this.chunks = [data];
      return;
    }
    const answer = { status: Number(head.slice(9, 12)), body: data.subarray(bodyStart, bodyStart + length) };
    this.chunks = [];
    this.received = 0;
    const pending = this.pending;
    this.pending = null;
    if (/\r\nconnection:\s*close/i.test(head)) this.close();
    pending?.resolve(answer);
  }

  private fail(error: Error): void {
    this.chunks = [];
    this.received = 0;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }
}

/** Up to `size` connections; a request waits for a free one. */
export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly all: Connection[] = [];
  private readonly queue: { request: Buffer; resolve(answer: Answer): void; reject(error: Error): void }[] = [];

  constructor(
    private readonly port: number,
    private readonly host: string,
    private readonly size: number,
  ) {}

  request(request: Buffer): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.drain();
    });
  }

  close(): void {
    for (const connection of this.all) connection.close();
  }

  private drain(): void {
    while (this.queue.length) {
      let connection = this.idle.pop();
      if (!connection && this.all.length < this.size) {
        connection = new Connection(this.port, this.host);
        this.all.push(connection);
      }
      if (!connection) return;
      const { request, resolve, reject } = this.queue.shift()!;
      const free = connection;
      free
        .send(request)
        .then(resolve, reject)
        .finally(() => {
          this.idle.push(free);
          this.drain();
        });
    }
  }
}
