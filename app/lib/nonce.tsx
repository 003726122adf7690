import { createContext, useContext, type ReactNode } from "react";

/**
 * The CSP nonce of the response being rendered (server/app.ts makes one per
 * response): Remix's inline scripts carry it. In the browser it is "", as
 * browsers hide nonces from the page once it has loaded.
 */
const NonceContext = createContext("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
