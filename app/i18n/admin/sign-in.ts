export const signInVi = {
  title: "Đăng nhập",
  intro: "Dành cho cán bộ quản lý danh mục OCOP và chủ thể sản xuất.",
  email: "Email",
  password: "Mật khẩu",
  submit: "Đăng nhập",
  submitting: "Đang đăng nhập…",
};

export const signInEn: typeof signInVi = {
  title: "Sign in",
  intro: "For staff who keep the OCOP catalogue, and for producers.",
  email: "Email",
  password: "Password",
  submit: "Sign in",
  submitting: "Signing in…",
};
