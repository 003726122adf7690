/** The admin area's producers pages. en must have the same keys. */
export const producersVi = {
  title: "producers",
};

export const producersEn: typeof producersVi = {
  title: "producers",
};
