/**
 * Security headers on every response, from helmet (docs/decisions/009):
 * an enforced Content-Security-Policy whose only inline scripts are Remix's
 * own, allowed by a fresh nonce per rendered response; no framing; no MIME
 * sniffing; a referrer policy that keeps paths and queries to ourselves.
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

export type NonceLocals = { cspNonce: string };

/** Gives each response a nonce for its inline scripts (res.locals.cspNonce). */
export function cspNonce(_req: Request, res: Response<unknown, NonceLocals>, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
}

export function securityHeaders({ https }: { https: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response<unknown, NonceLocals>).locals.cspNonce}'`],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    // The open-data API is meant to be read from other sites (CORS allows it).
    crossOriginResourcePolicy: { policy: "same-site" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    strictTransportSecurity: https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    xFrameOptions: { action: "deny" },
  });
}
