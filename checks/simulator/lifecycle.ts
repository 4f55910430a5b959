import type { Server as HttpServer } from 'node:http';
import { connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * Everything a simulator has open: servers, raw sockets and pending timers, so that `close()`
 * releases all of it and a test run never leaves a handle behind.
 */
export class Lifecycle {
  readonly #servers = new Set<Server>();
  readonly #sockets = new Set<Socket>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  /** Runs `task` after `ms` unless the simulator is closed first. */
  later(ms: number, task: () => void): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      task();
    }, ms);
    this.#timers.add(timer);
  }

  /** Keeps a socket that a server holds open on purpose (it would otherwise stay past close). */
  holdSocket(socket: Socket): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
  }

  /** Starts listening on an ephemeral loopback port with a deep accept queue for benchmarks. */
  async listen(server: Server, host: string): Promise<number> {
    this.#servers.add(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port: 0, backlog: 8192 }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const closing = [...this.#servers].map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
    for (const server of this.#servers) {
      const http = server as Partial<HttpServer>;
      http.closeAllConnections?.call(server);
    }
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await Promise.all(closing);
    this.#servers.clear();
  }
}

/**
 * A loopback port nothing listens on, so that connecting to it is refused. A privileged port: a port
 * the OS handed out and we released can be handed to any other process's server a moment later
 * (tests run in parallel), and then the "refused" portal answers. Ports below 1024 are never handed
 * out for port 0, and none of these is on the fetch spec's list of blocked ports.
 */
export async function refusedPort(host: string): Promise<number> {
  for (const port of [2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 18]) {
    if (await isRefused(host, port)) return port;
  }
  throw new Error(`simulator: no refusing privileged port on ${host} (something listens on 2–18)`);
}

function isRefused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    const done = (refused: boolean) => {
      socket.destroy();
      resolve(refused);
    };
    socket.once('connect', () => done(false));
    socket.once('timeout', () => done(false));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}
