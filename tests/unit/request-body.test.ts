/**
 * A form's body is read before its request takes a render slot
 * (app/lib/request-body.server.ts): a client that stalls halfway through its
 * body holds no slot, so pages keep being answered; it gets 408 once it has
 * been quiet too long. A body that arrives whole reaches the handler intact.
 */
import express from "express";
import type { Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBodyFirst } from "../../app/lib/request-body.server";
import { createRenderQueue } from "../../app/lib/render-queue.server";

let server: Server;
let port = 0;

beforeAll(async () => {
  const app = express();
  app.use(readBodyFirst({ idleTimeoutMs: 300 }));
  // One slot: a stalled request holding it would stop everything.
  const queue = createRenderQueue({ concurrency: 1, maxWaiting: 4 });
  app.use((req, res, next) => queue(req, res, next));
  app.all("*", (req, res) => {
    const body = (res.locals as { requestBody?: Buffer }).requestBody;
    res.type("text/plain").send(`${req.method} ${body ? body.toString("utf8") : "-"}`);
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends raw bytes and collects whatever comes back until the server closes or `waitMs` passes. */
function raw(bytes: string, waitMs: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(bytes));
    let text = "";
    let closed = false;
    socket.on("data", (chunk) => (text += chunk.toString("utf8")));
    socket.on("close", () => {
      closed = true;
      resolve({ text, closed });
    });
    setTimeout(() => {
      socket.destroy();
      resolve({ text, closed });
    }, waitMs);
  });
}

describe("readBodyFirst", () => {
  it("hands the handler the whole body of a form", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/register`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "legalName=H%E1%BB%A3p+t%C3%A1c+x%C3%A3&step=organisation",
    });
    expect(await response.text()).toBe("POST legalName=H%E1%BB%A3p+t%C3%A1c+x%C3%A3&step=organisation");
  });

  it("refuses a multipart body that does not parse with 400, before any handler", async () => {
    const post = (body: string, type = "multipart/form-data; boundary=zz") =>
      fetch(`http://127.0.0.1:${port}/register/confirm`, { method: "POST", headers: { "Content-Type": type }, body });
    for (const body of ["--zz\r\nbroken", "garbage", ""]) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.text()).toContain("could not be read");
    }
    expect((await post("--zz\r\nContent-Type: text/plain\r\n\r\nx\r\n--zz--\r\n", "multipart/form-data")).status).toBe(400);
    const good = await post('--zz\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc\r\n--zz--\r\n');
    expect(good.status).toBe(200);
    expect(await good.text()).toContain('name="token"');
  });

  it("keeps answering pages while clients stall halfway through their bodies, and sends those 408", async () => {
    const stalled = [1, 2, 3].map(() =>
      raw(`POST /register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nlegalName=`, 2_000),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const page = await fetch(`http://127.0.0.1:${port}/products`);
    expect(await page.text()).toBe("GET -");
    for (const result of await Promise.all(stalled)) {
      expect(result.text).toMatch(/^HTTP\/1\.1 408 /);
      expect(result.closed).toBe(true);
    }
  });
});
