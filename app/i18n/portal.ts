/** The portal pages' messages. en must have the same keys. */
export const portalVi = {
  title: "Cổng chủ thể",
};

export const portalEn: typeof portalVi = {
  title: "Producer portal",
};
