/**
 * The render queue on a pipelined connection. Node sends pipelined responses
 * in order, so a response queued behind another can only be sent after it.
 * Such a request must not hold a render slot while it waits for its turn on
 * the connection: if the request ahead of it joined the line later (the
 * static files look at the disk first), it would wait for a slot that only
 * its own followers hold, and the connection would hang until its client gave up.
 */
import { createServer, type Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createRenderQueue } from "../../app/lib/render-queue.server";

let server: Server;
let port = 0;
let started: string[] = [];

beforeAll(async () => {
  const queue = createRenderQueue({ concurrency: 2, maxWaiting: 8 });
  server = createServer((req, res) => {
    const render = () =>
      queue(req, res, () => {
        started.push(req.url ?? "");
        // "/hold…" never answers by itself; anything else answers at once.
        if (!req.url?.startsWith("/hold")) res.end(`done ${req.url}\n`);
      });
    // "/late…" reaches the line after an asynchronous step, as a file lookup does.
    if (req.url?.startsWith("/late")) setTimeout(render, 30);
    else render();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  started = [];
});

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  return condition();
};

async function connect() {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  return socket;
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;

it("answers a pipelined connection whose first request reaches the line after those behind it", async () => {
  const socket = await connect();
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
  socket.write(get("/late-first") + get("/second") + get("/third"));
  const answered = await until(() => received.includes("done /third"));
  socket.destroy();
  expect(answered).toBe(true);
  expect(received.indexOf("done /late-first")).toBeGreaterThan(-1);
  expect(received.indexOf("done /late-first")).toBeLessThan(received.indexOf("done /second"));
  expect(started).toEqual(["/late-first", "/second", "/third"]);
});

it("renders a pipelined request only when its turn to be sent comes, and forgets it when the client goes", async () => {
  const socket = await connect();
  socket.write(get("/hold-first") + get("/queued-second"));
  expect(await until(() => started.includes("/hold-first"))).toBe(true);
  // The second may not take the free slot: it could not be sent before the first anyway.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(started).toEqual(["/hold-first"]);
  socket.destroy();

  // Both slots are free again: two requests that hold their slots both start, and the
  // abandoned second request never renders.
  const holders = ["/hold-a", "/hold-b"].map((path) => {
    const client = net.connect(port, "127.0.0.1", () => client.write(get(path)));
    return client;
  });
  expect(await until(() => started.includes("/hold-a") && started.includes("/hold-b"))).toBe(true);
  expect(started).not.toContain("/queued-second");
  for (const client of holders) client.destroy();
});
