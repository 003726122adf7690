// @ts-check
// The benchmark's ceiling: a bare node:http server that answers every request
// with one page held in memory (the bytes the real server sent for a product
// page). Whatever the app does on top of Node's HTTP stack costs throughput
// relative to this.
//
// Started by bench/run.mjs with an IPC channel. Protocol:
//   parent → child  { body: <base64>, contentType: string, host: string }
//   child → parent  { port: number }    once listening (an ephemeral port)
// It exits when the parent disconnects or on SIGTERM/SIGINT.
import { createServer } from "node:http";

if (!process.send) {
  console.error("bench/ceiling-server.mjs is started by bench/run.mjs (it needs an IPC channel).");
  process.exit(1);
}

/** @type {import("node:http").Server | undefined} */
let server;

function stop() {
  if (server) server.closeAllConnections?.();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);

process.once("message", (/** @type {{ body: string, contentType: string, host: string }} */ message) => {
  const body = Buffer.from(message.body, "base64");
  const headers = {
    "Content-Type": message.contentType,
    "Content-Length": String(body.length),
  };
  server = createServer((_request, response) => {
    response.writeHead(200, headers);
    response.end(body);
  });
  server.keepAliveTimeout = 10_000;
  server.listen(0, message.host, () => {
    const address = server?.address();
    if (!address || typeof address === "string") throw new Error("ceiling server: no TCP address");
    process.send?.({ port: address.port });
  });
});
