/**
 * The render queue on a pipelined connection: a response queued behind
 * another is never closed by Node when the client goes, only the connection
 * is. Its slot must come back all the same, or a few such clients would
 * leave the server answering nothing but 503.
 */
import { createServer, type Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRenderQueue } from "../../app/lib/render-queue.server";

let server: Server;
let port = 0;
const started: string[] = [];

beforeAll(async () => {
  const queue = createRenderQueue({ concurrency: 2, maxWaiting: 8 });
  server = createServer((req, res) =>
    queue(req, res, () => {
      started.push(req.url ?? "");
      // "/hold…" never answers by itself; anything else answers at once.
      if (!req.url?.startsWith("/hold")) res.end("ok");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  return condition();
};

it("gives back the slot of a pipelined response whose client hung up before it could be sent", async () => {
  // Two requests in one write: the second renders at once, but waits to be sent behind the first.
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  socket.write("GET /hold-first HTTP/1.1\r\nHost: x\r\n\r\nGET /queued-second HTTP/1.1\r\nHost: x\r\n\r\n");
  expect(await until(() => started.includes("/queued-second"))).toBe(true);
  socket.destroy();

  // Both slots must be free again: two requests that hold their slots both start.
  const holders = ["/hold-a", "/hold-b"].map((path) => {
    const client = net.connect(port, "127.0.0.1", () => client.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`));
    return client;
  });
  expect(await until(() => started.includes("/hold-a") && started.includes("/hold-b"))).toBe(true);
  for (const client of holders) client.destroy();
});
