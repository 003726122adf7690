import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseEnv } from "../../app/env.server";

function parseError(source: Record<string, string | undefined>): InvalidEnvironmentError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    return error as InvalidEnvironmentError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("parseEnv", () => {
  it("gives defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./data/ocop.db");
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe("0.0.0.0");
    expect(env.NODE_ENV).toBe("development");
    expect(env.LOG_REQUESTS).toBe(true);
    expect(env.PUBLIC_URL).toBeUndefined();
  });

  it("coerces settings given as strings", () => {
    const env = parseEnv({ PORT: "8080", LOG_REQUESTS: "false", NODE_ENV: "production", PUBLIC_URL: "https://ocop.example.vn", TRUST_PROXY: "1" });
    expect(env.PORT).toBe(8080);
    expect(env.LOG_REQUESTS).toBe(false);
    expect(env.NODE_ENV).toBe("production");
    expect(env.TRUST_PROXY).toBe(1);
  });

  it("requires PUBLIC_URL in production, so links never come from a request's Host", () => {
    const error = parseError({ NODE_ENV: "production" });
    expect(error.issues.some((issue) => issue.startsWith("PUBLIC_URL"))).toBe(true);
    expect(parseEnv({ NODE_ENV: "development" }).PUBLIC_URL).toBeUndefined();
  });

  it("ignores X-Forwarded-* unless TRUST_PROXY says a proxy sets them", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseError({ TRUST_PROXY: "yes please" }).message).toContain("TRUST_PROXY");
  });

  it("rejects a PORT that is not a number, naming PORT", () => {
    const error = parseError({ PORT: "abc" });
    expect(error.message).toContain("PORT");
    expect(error.issues.some((issue) => issue.startsWith("PORT"))).toBe(true);
    expect(error.message).not.toContain("DATABASE_URL");
  });

  it("rejects an out-of-range PORT", () => {
    expect(parseError({ PORT: "70000" }).message).toContain("PORT");
    expect(parseError({ PORT: "0" }).message).toContain("PORT");
  });

  it("rejects a MySQL DATABASE_URL, naming DATABASE_URL", () => {
    const error = parseError({ DATABASE_URL: "mysql://x" });
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).not.toContain("PORT");
  });

  it("rejects a PUBLIC_URL that is not a URL, naming PUBLIC_URL", () => {
    const error = parseError({ PUBLIC_URL: "not a url" });
    expect(error.message).toContain("PUBLIC_URL");
    expect(error.message).not.toContain("DATABASE_URL");
  });

  it("names every bad setting at once", () => {
    const error = parseError({ PORT: "abc", PUBLIC_URL: "not a url" });
    expect(error.message).toContain("PORT");
    expect(error.message).toContain("PUBLIC_URL");
    expect(error.issues).toHaveLength(2);
  });

  it("accepts a postgresql:// URL and an https PUBLIC_URL", () => {
    const url = "postgresql://ocop:secret@db.example.org:5432/ocop";
    const env = parseEnv({ DATABASE_URL: url, PUBLIC_URL: "https://ocop.example.org" });
    expect(env.DATABASE_URL).toBe(url);
    expect(env.PUBLIC_URL).toBe("https://ocop.example.org");
  });

  it("accepts a file: URL for SQLite", () => {
    expect(parseEnv({ DATABASE_URL: "file:/var/lib/ocop/ocop.db" }).DATABASE_URL).toBe("file:/var/lib/ocop/ocop.db");
  });
});
