// With v3_singleFetch, loader data keeps its types (Dates stay Dates) on the client.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// What server/app.ts gives every loader, action and the document renderer.
declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** The nonce of this response's Content-Security-Policy (absent under the dev server). */
    cspNonce?: string;
    /** The client's address (through trusted proxies only, see TRUST_PROXY). */
    clientIp?: string | null;
    /** An id for this request, also sent back as X-Request-Id and kept in audit rows. */
    requestId?: string;
  }
}
