/** The admin area's reviews pages. en must have the same keys. */
export const reviewsVi = {
  title: "Xét duyệt",
};

export const reviewsEn: typeof reviewsVi = {
  title: "Reviews",
};
