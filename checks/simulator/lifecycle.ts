import type { Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

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
    const closing = [...this.#servers].map(
      (server) => new Promise<void>((resolve) => server.close(() => resolve())),
    );
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

/** Reserves a loopback port and releases it, so that connecting to it is refused. */
export async function closedPort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: 0 }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
