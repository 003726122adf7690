/** The admin area's products pages. en must have the same keys. */
export const productsVi = {
  title: "products",
};

export const productsEn: typeof productsVi = {
  title: "products",
};
