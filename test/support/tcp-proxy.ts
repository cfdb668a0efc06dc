// A TCP proxy in front of the PostgreSQL server, to stage its faults: a partition (bytes stop flowing both ways, the
// sockets stay open, and what was held back is delivered when it heals) and an outage (every connection dropped,
// new ones refused).
import net from 'node:net';

type Mode = 'forward' | 'partitioned' | 'down';

interface Pair {
  client: net.Socket;
  server: net.Socket | null;
  /** Bytes held back during a partition, by direction. */
  toServer: Buffer[];
  toClient: Buffer[];
}

export interface TcpProxy {
  /** `url` with its host and port replaced by the proxy's. */
  through(url: string): string;
  /** Stop forwarding, keep every socket open (a network partition). */
  partition(): void;
  /** Drop every connection and refuse new ones (the server is down). */
  down(): void;
  /** Forward again, delivering what a partition held back. */
  heal(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: Mode = 'forward';
  const pairs = new Set<Pair>();

  const connectUpstream = (pair: Pair) => {
    const server = net.connect(target);
    pair.server = server;
    server.on('data', (chunk) => (mode === 'forward' ? pair.client.write(chunk) : pair.toClient.push(chunk)));
    server.on('error', () => pair.client.destroy());
    server.on('close', () => {
      pair.client.destroy();
      pairs.delete(pair);
    });
    for (const chunk of pair.toServer.splice(0)) server.write(chunk);
  };

  const proxy = net.createServer((client) => {
    if (mode === 'down') return void client.destroy();
    const pair: Pair = { client, server: null, toServer: [], toClient: [] };
    pairs.add(pair);
    client.on('data', (chunk) => (mode === 'forward' && pair.server ? pair.server.write(chunk) : pair.toServer.push(chunk)));
    client.on('error', () => pair.server?.destroy());
    client.on('close', () => {
      pair.server?.destroy();
      pairs.delete(pair);
    });
    // During a partition even the connection attempt goes nowhere: the upstream connection is made when it heals.
    if (mode === 'forward') connectUpstream(pair);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as net.AddressInfo;

  return {
    through(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    partition() {
      mode = 'partitioned';
    },
    down() {
      mode = 'down';
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server?.destroy();
      }
      pairs.clear();
    },
    heal() {
      mode = 'forward';
      for (const pair of pairs) {
        if (!pair.server) connectUpstream(pair);
        else for (const chunk of pair.toServer.splice(0)) pair.server.write(chunk);
        for (const chunk of pair.toClient.splice(0)) pair.client.write(chunk);
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server?.destroy();
      }
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
