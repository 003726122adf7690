// Preloaded into Prisma CLI runs (NODE_OPTIONS=--require): the schema engine
// leaves timers running, so migrate commands linger 10–60 s after finishing.
const { setTimeout: set, setInterval: every } = globalThis;
globalThis.setTimeout = (...args) => {
  const timer = set(...args);
  timer?.unref?.();
  return timer;
};
globalThis.setInterval = (...args) => {
  const timer = every(...args);
  timer?.unref?.();
  return timer;
};
