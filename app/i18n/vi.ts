/** Vietnamese: the source language. en.ts must have the same keys. */
export const vi = {
  site: {
    name: "Danh mục OCOP",
    tagline: "Sản phẩm OCOP được chứng nhận, tra cứu công khai",
    skipToContent: "Bỏ qua, đến nội dung chính",
    languageSwitch: "English",
    languageSwitchLabel: "Xem trang này bằng tiếng Anh",
    demoNotice: "Dữ liệu minh họa: tên sản phẩm và chủ thể lấy từ nguồn công khai, số quyết định, điểm và ngày tháng là giả định.",
    footer: "Chương trình Mỗi xã một sản phẩm (OCOP). Mã nguồn mở.",
  },
  nav: { home: "Trang chủ", products: "Sản phẩm", producers: "Chủ thể", stats: "Thống kê" },
  home: {
    title: "Danh mục sản phẩm OCOP",
    intro:
      "Tra cứu sản phẩm đạt chứng nhận OCOP 3, 4 và 5 sao, chủ thể sản xuất, và hiệu lực của từng giấy chứng nhận.",
    certifiedProducts_one: "{{count}} sản phẩm đang có chứng nhận còn hiệu lực",
    certifiedProducts_other: "{{count}} sản phẩm đang có chứng nhận còn hiệu lực",
    producers_one: "từ {{count}} chủ thể",
    producers_other: "từ {{count}} chủ thể",
    byStars: "Theo số sao",
    byGroup: "Theo nhóm sản phẩm",
    starsLabel_one: "{{count}} sao",
    starsLabel_other: "{{count}} sao",
    productCount_one: "{{count}} sản phẩm",
    productCount_other: "{{count}} sản phẩm",
    group: "Nhóm",
    count: "Số sản phẩm",
  },
  errors: {
    notFoundTitle: "Không tìm thấy trang",
    notFoundBody: "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.",
    errorTitle: "Đã có lỗi xảy ra",
    errorBody: "Xin lỗi, máy chủ gặp sự cố. Vui lòng thử lại sau ít phút.",
    backHome: "Về trang chủ",
  },
};

export type Messages = typeof vi;
