/** The register pages' messages. en must have the same keys. */
export const registerVi = {
  title: "Đăng ký chủ thể OCOP",
};

export const registerEn: typeof registerVi = {
  title: "Register a producer",
};
