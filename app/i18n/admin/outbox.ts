/** The admin area's outbox pages. en must have the same keys. */
export const outboxVi = {
  title: "Hộp thư đi",
};

export const outboxEn: typeof outboxVi = {
  title: "Outbox",
};
