// With v3_singleFetch, loader data keeps its types (Dates stay Dates) on the client.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
