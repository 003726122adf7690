// Runs in every test file: app code that reads settings gets a test database,
// and an unexpected console.error fails the test.
import path from "node:path";
import { afterEach, beforeEach, expect, vi } from "vitest";

process.env.NODE_ENV = "test";
process.env.DATABASE_URL = `file:${path.resolve("tests/.tmp/unused-default.db")}`;
// Never the developer's data/media: services that tidy image files use the default store.
process.env.MEDIA_DIR = path.resolve(`tests/.tmp/media-default-${process.pid}`);

let allowedErrors = 0;

/** Call in a test that expects `count` console.error calls. */
export function expectConsoleErrors(count = 1) {
  allowedErrors += count;
}

beforeEach(() => {
  allowedErrors = 0;
  vi.spyOn(console, "error");
});

afterEach(() => {
  const calls = vi.mocked(console.error).mock.calls;
  vi.mocked(console.error).mockRestore();
  expect(calls.length, `unexpected console.error: ${JSON.stringify(calls.slice(allowedErrors))}`).toBeLessThanOrEqual(
    allowedErrors,
  );
});
