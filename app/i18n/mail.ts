/**
 * The text of every mail the app sends (app/modules/mail/templates.server.ts
 * fills them in). en must have the same keys. {{placeholders}} are filled
 * with plain text; the HTML part escapes them.
 */
export const mailVi = {
  greeting: "Xin chào {{name}},",
  signature: "Danh mục OCOP",
  automated: "Thư này được gửi tự động; vui lòng không trả lời.",
  confirmEmail: {
    subject: "Xác nhận địa chỉ thư điện tử của bạn",
    body: "Cảm ơn bạn đã đăng ký {{organisation}} trên Danh mục OCOP. Bấm vào liên kết dưới đây để xác nhận địa chỉ thư điện tử. Sau khi xác nhận, hồ sơ sẽ được chuyển tới cán bộ OCOP để xét duyệt.",
    action: "Xác nhận địa chỉ thư",
    expires: "Liên kết dùng được một lần và hết hạn sau {{hours}} giờ.",
  },
  registrationExists: {
    subject: "Có người vừa đăng ký bằng địa chỉ thư của bạn",
    body: "Ai đó (có thể là bạn) vừa dùng địa chỉ thư này để đăng ký một chủ thể mới, nhưng địa chỉ này đã có tài khoản. Nếu bạn quên mật khẩu, hãy đặt lại mật khẩu tại liên kết dưới đây. Nếu không phải bạn, hãy bỏ qua thư này.",
    action: "Đặt lại mật khẩu",
  },
  resetPassword: {
    subject: "Đặt lại mật khẩu",
    body: "Chúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản của bạn. Bấm vào liên kết dưới đây để chọn mật khẩu mới. Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu cũ vẫn dùng được.",
    action: "Chọn mật khẩu mới",
    expires: "Liên kết dùng được một lần và hết hạn sau {{minutes}} phút.",
  },
  reviewDecision: {
    subject_approved: "Đã duyệt: {{item}}",
    subject_rejected: "Không được duyệt: {{item}}",
    subject_changes_requested: "Cần bổ sung: {{item}}",
    subject_suspended: "Tạm ngừng: {{item}}",
    body_approved: "Cán bộ OCOP đã duyệt {{item}}.",
    body_rejected: "Cán bộ OCOP không duyệt {{item}}.",
    body_changes_requested: "Cán bộ OCOP đề nghị bổ sung hoặc sửa {{item}} trước khi duyệt.",
    body_suspended: "Cán bộ OCOP đã tạm ngừng {{item}}; các sản phẩm không còn hiển thị công khai.",
    message: "Lời nhắn của cán bộ:",
    action: "Xem trong cổng chủ thể",
    item_producer: "hồ sơ chủ thể {{label}}",
    item_product: "sản phẩm {{label}}",
    item_certification: "chứng nhận {{label}}",
    item_revision: "thay đổi đề xuất cho {{label}}",
  },
  expiryReminder: {
    subject: "Chứng nhận OCOP của {{product}} hết hạn sau {{days}} ngày",
    body: "Chứng nhận OCOP {{stars}} sao của sản phẩm {{product}} (quyết định {{decision}}) hết hiệu lực ngày {{validUntil}}. Để sản phẩm tiếp tục được công nhận, hãy liên hệ cơ quan OCOP cấp tỉnh để đánh giá lại trước ngày này.",
    action: "Xem sản phẩm trong cổng chủ thể",
  },
};

export type MailMessages = typeof mailVi;

export const mailEn: MailMessages = {
  greeting: "Hello {{name}},",
  signature: "OCOP Catalogue",
  automated: "This message was sent automatically; please do not reply.",
  confirmEmail: {
    subject: "Confirm your email address",
    body: "Thank you for registering {{organisation}} with the OCOP Catalogue. Follow the link below to confirm your email address. Once it is confirmed, your registration goes to OCOP staff for review.",
    action: "Confirm email address",
    expires: "The link works once and expires in {{hours}} hours.",
  },
  registrationExists: {
    subject: "Someone registered with your email address",
    body: "Someone (perhaps you) just used this address to register a new producer, but it already has an account. If you forgot your password, reset it with the link below. If it was not you, ignore this message.",
    action: "Reset password",
  },
  resetPassword: {
    subject: "Reset your password",
    body: "We received a request to reset the password of your account. Follow the link below to choose a new one. If you did not ask for this, ignore this message: your current password still works.",
    action: "Choose a new password",
    expires: "The link works once and expires in {{minutes}} minutes.",
  },
  reviewDecision: {
    subject_approved: "Approved: {{item}}",
    subject_rejected: "Not approved: {{item}}",
    subject_changes_requested: "Changes requested: {{item}}",
    subject_suspended: "Suspended: {{item}}",
    body_approved: "OCOP staff approved {{item}}.",
    body_rejected: "OCOP staff did not approve {{item}}.",
    body_changes_requested: "OCOP staff ask you to add or correct something in {{item}} before they approve it.",
    body_suspended: "OCOP staff suspended {{item}}; its products are no longer shown publicly.",
    message: "Message from staff:",
    action: "Open the producer portal",
    item_producer: "the producer profile of {{label}}",
    item_product: "the product {{label}}",
    item_certification: "the certification {{label}}",
    item_revision: "the proposed change to {{label}}",
  },
  expiryReminder: {
    subject: "The OCOP certificate of {{product}} expires in {{days}} days",
    body: "The {{stars}}-star OCOP certificate of {{product}} (decision {{decision}}) is valid until {{validUntil}}. To keep the product certified, contact your provincial OCOP office for a re-evaluation before that day.",
    action: "See the product in the producer portal",
  },
};
