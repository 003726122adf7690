import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BUSY_MESSAGE, createRenderQueue } from "../../app/lib/render-queue.server";

// A stand-in app: each request is held until the test lets it finish.
let inFlight = 0;
let mostInFlight = 0;
let started: string[] = [];
const held = new Map<string, () => void>();
let server: Server;
let base = "";

beforeAll(async () => {
  const queue = createRenderQueue({ concurrency: 2, maxWaiting: 2 });
  server = createServer((req, res) =>
    queue(req, res, () => {
      const name = req.url ?? "";
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      started.push(name);
      res.once("close", () => (inFlight -= 1));
      held.set(name, () => res.end(`done ${name}`));
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  inFlight = 0;
  mostInFlight = 0;
  started = [];
  held.clear();
});

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

const finish = async (name: string) => {
  await until(() => held.has(name));
  held.get(name)!();
};

describe("render queue", () => {
  it("renders at most its concurrency at once, in arrival order, and sheds load past its line with a 503", async () => {
    const answers = [fetch(`${base}/a`)];
    await until(() => started.length === 1);
    answers.push(fetch(`${base}/b`));
    await until(() => started.length === 2);
    // Apart, so that /c surely arrives first.
    answers.push(fetch(`${base}/c`));
    await new Promise((resolve) => setTimeout(resolve, 30));
    answers.push(fetch(`${base}/d`));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(started).toEqual(["/a", "/b"]); // /c and /d wait in line
    const shed = await fetch(`${base}/e`);
    expect(shed.status).toBe(503);
    expect(shed.headers.get("retry-after")).toBe("2");
    expect(await shed.text()).toBe(BUSY_MESSAGE);

    await finish("/b");
    await until(() => started.length === 3);
    expect(started[2]).toBe("/c");
    for (const name of ["/a", "/c", "/d"]) await finish(name);
    const bodies = await Promise.all(answers.map(async (answer) => (await answer).text()));
    expect(bodies).toEqual(["done /a", "done /b", "done /c", "done /d"]);
    expect(mostInFlight).toBe(2);
  });

  it("frees a slot when the client goes away before its answer", async () => {
    const gone = request(`${base}/gone`);
    gone.on("error", () => {});
    gone.end();
    const stays = fetch(`${base}/stays`);
    await until(() => started.length === 2);
    const waiting = fetch(`${base}/waiting`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(started).not.toContain("/waiting");
    gone.destroy();
    await until(() => started.includes("/waiting"));
    await finish("/stays");
    await finish("/waiting");
    expect(await (await stays).text()).toBe("done /stays");
    expect(await (await waiting).text()).toBe("done /waiting");
  });
});
