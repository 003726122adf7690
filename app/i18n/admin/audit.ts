/** The admin area's audit pages. en must have the same keys. */
export const auditVi = {
  title: "audit",
};

export const auditEn: typeof auditVi = {
  title: "audit",
};
