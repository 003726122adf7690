/** The admin area's account pages (own account, and admins' account management). en must have the same keys. */
export const accountsVi = {
  title: "Tài khoản",
  changePassword: "Đổi mật khẩu",
  currentPassword: "Mật khẩu hiện tại",
  newPassword: "Mật khẩu mới",
  confirmPassword: "Nhập lại mật khẩu mới",
  passwordHint: "Ít nhất 10 ký tự.",
  sessions: "Phiên đăng nhập",
  sessionsHelp: "Nếu bạn đã đăng nhập trên máy khác hoặc làm mất điện thoại, hãy kết thúc mọi phiên đăng nhập.",
  signOutEverywhere: "Đăng xuất khỏi mọi thiết bị",
};

export const accountsEn: typeof accountsVi = {
  title: "Accounts",
  changePassword: "Change password",
  currentPassword: "Current password",
  newPassword: "New password",
  confirmPassword: "New password again",
  passwordHint: "At least 10 characters.",
  sessions: "Sessions",
  sessionsHelp: "If you signed in on another computer or lost a phone, end every session.",
  signOutEverywhere: "Sign out on every device",
};
