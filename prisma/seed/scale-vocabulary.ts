/**
 * Word lists for generated catalogues: product kinds with the regions they
 * belong to, qualifiers, place and person names. Names are ordinary
 * Vietnamese words and names; the combinations are invented.
 */

export type Region = "NMT" | "RRD" | "NCC" | "SCC" | "CH" | "SE" | "MK";

/** Region of each 2025 province, by slug. */
export const PROVINCE_REGIONS: Record<string, Region> = {
  "lai-chau": "NMT",
  "dien-bien": "NMT",
  "son-la": "NMT",
  "lang-son": "NMT",
  "cao-bang": "NMT",
  "tuyen-quang": "NMT",
  "lao-cai": "NMT",
  "thai-nguyen": "NMT",
  "phu-tho": "NMT",
  "ha-noi": "RRD",
  "quang-ninh": "RRD",
  "bac-ninh": "RRD",
  "hung-yen": "RRD",
  "hai-phong": "RRD",
  "ninh-binh": "RRD",
  "thanh-hoa": "NCC",
  "nghe-an": "NCC",
  "ha-tinh": "NCC",
  "quang-tri": "NCC",
  hue: "NCC",
  "da-nang": "SCC",
  "quang-ngai": "SCC",
  "khanh-hoa": "SCC",
  "gia-lai": "CH",
  "dak-lak": "CH",
  "lam-dong": "CH",
  "ho-chi-minh": "SE",
  "dong-nai": "SE",
  "tay-ninh": "SE",
  "can-tho": "MK",
  "vinh-long": "MK",
  "dong-thap": "MK",
  "ca-mau": "MK",
  "an-giang": "MK",
};

/** Provinces (and former provinces) styled "thành phố" rather than "tỉnh". */
export const CITY_NAMES: ReadonlySet<string> = new Set(["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"]);

export type ProductKind = {
  vi: string;
  en: string;
  set: number;
  /** Regions where it is a speciality; "*" is made everywhere. */
  regions: readonly Region[] | "*";
};

const k = (vi: string, en: string, set: number, regions: readonly Region[] | "*"): ProductKind => ({ vi, en, set, regions });

export const PRODUCT_KINDS: readonly ProductKind[] = [
  k("Cam sành", "king oranges", 1, ["NMT", "MK"]),
  k("Bưởi da xanh", "green-skin pomelo", 1, ["MK", "SE"]),
  k("Bưởi Diễn", "Diễn pomelo", 1, ["RRD", "NMT"]),
  k("Vải thiều", "thiều lychees", 1, ["RRD", "NMT"]),
  k("Nhãn lồng", "longans", 1, ["RRD"]),
  k("Xoài cát Hòa Lộc", "Hòa Lộc mangoes", 1, ["MK"]),
  k("Sầu riêng Ri6", "Ri6 durian", 1, ["MK", "CH", "SE"]),
  k("Thanh long ruột đỏ", "red dragon fruit", 1, ["SCC", "SE", "MK"]),
  k("Bơ sáp", "butter avocados", 1, ["CH"]),
  k("Chanh dây", "passion fruit", 1, ["CH", "NMT"]),
  k("Dưa lưới", "cantaloupe", 1, "*"),
  k("Khoai lang mật", "honey sweet potatoes", 1, ["CH", "MK", "NCC"]),
  k("Mận hậu", "hậu plums", 1, ["NMT"]),
  k("Na dai", "custard apples", 1, ["NMT", "RRD"]),
  k("Măng cụt", "mangosteens", 1, ["MK", "SE"]),
  k("Gà đồi", "hill chicken", 2, ["NMT", "NCC"]),
  k("Trứng gà sạch", "farm eggs", 2, "*"),
  k("Thịt lợn đen", "black pork", 2, ["NMT", "CH"]),
  k("Tôm càng xanh", "giant freshwater prawns", 2, ["MK"]),
  k("Cá tra phi lê", "pangasius fillets", 2, ["MK"]),
  k("Bò tơ", "young beef", 2, ["NCC", "SCC"]),
  k("Cua biển", "mud crabs", 2, ["MK", "NCC"]),
  k("Gạo ST25", "ST25 rice", 3, ["MK"]),
  k("Gạo nếp cái hoa vàng", "yellow-flower glutinous rice", 3, ["RRD", "NCC"]),
  k("Gạo lứt đỏ", "red brown rice", 3, "*"),
  k("Gạo Séng Cù", "Séng Cù rice", 3, ["NMT"]),
  k("Mật ong hoa nhãn", "longan-blossom honey", 4, ["RRD", "NMT", "MK"]),
  k("Mật ong hoa cà phê", "coffee-blossom honey", 4, ["CH"]),
  k("Mật ong rừng", "wild-forest honey", 4, ["NMT", "CH", "MK"]),
  k("Mật hoa dừa", "coconut-sap syrup", 4, ["MK"]),
  k("Cơm cháy chà bông", "crispy rice with pork floss", 5, ["RRD", "NCC"]),
  k("Bánh đa nem", "rice paper", 6, ["RRD", "NCC"]),
  k("Bún khô", "dried rice vermicelli", 6, "*"),
  k("Miến dong", "arrowroot glass noodles", 6, ["NMT", "RRD"]),
  k("Bánh tráng", "rice crackers", 6, ["SCC", "SE", "MK"]),
  k("Hủ tiếu khô", "dried hủ tiếu noodles", 6, ["MK"]),
  k("Bánh pía", "bánh pía pastries", 6, ["MK"]),
  k("Mít sấy", "dried jackfruit", 7, "*"),
  k("Chuối sấy", "dried bananas", 7, "*"),
  k("Hạt điều rang muối", "salted roasted cashews", 7, ["SE", "CH"]),
  k("Kẹo dừa", "coconut candy", 7, ["MK"]),
  k("Vải sấy", "dried lychees", 7, ["RRD", "NMT"]),
  k("Xoài sấy dẻo", "soft-dried mango", 7, ["MK", "SCC"]),
  k("Mứt gừng", "candied ginger", 7, "*"),
  k("Nem chua", "fermented pork rolls", 8, ["NCC", "SCC"]),
  k("Chả cá", "fish cakes", 8, ["SCC", "RRD"]),
  k("Khô cá lóc", "dried snakehead fish", 8, ["MK"]),
  k("Lạp xưởng", "Chinese-style sausages", 8, ["MK", "SE"]),
  k("Thịt trâu gác bếp", "smoked buffalo meat", 8, ["NMT"]),
  k("Giò lụa", "lean pork roll", 8, ["RRD"]),
  k("Yến sào", "edible bird's nest", 8, ["SCC"]),
  k("Nước mắm", "fish sauce", 9, ["SCC", "MK", "NCC"]),
  k("Tương nếp", "glutinous soybean paste", 9, ["RRD", "NCC"]),
  k("Mắm tôm", "shrimp paste", 9, ["NCC", "RRD"]),
  k("Mắm cá linh", "fermented linh fish", 9, ["MK"]),
  k("Tiêu đen", "black pepper", 10, ["CH", "SE"]),
  k("Muối tôm", "shrimp salt", 10, ["SE"]),
  k("Tỏi cô đơn", "solo garlic", 10, ["SCC", "NMT"]),
  k("Mắc khén", "mắc khén pepper", 10, ["NMT"]),
  k("Hành tím", "shallots", 10, ["MK"]),
  k("Chè Shan Tuyết", "Shan Tuyết tea", 11, ["NMT"]),
  k("Chè búp", "tea buds", 11, ["NMT"]),
  k("Trà ô long", "oolong tea", 11, ["CH"]),
  k("Trà atiso", "artichoke tea", 12, ["CH"]),
  k("Trà hoa cúc", "chrysanthemum tea", 12, "*"),
  k("Trà gạo lứt", "brown-rice tea", 12, "*"),
  k("Trà mãng cầu", "soursop tea", 12, ["SE", "MK"]),
  k("Trà sen", "lotus tea", 12, ["RRD", "MK"]),
  k("Cà phê Robusta", "Robusta coffee", 13, ["CH"]),
  k("Cà phê Arabica", "Arabica coffee", 13, ["CH", "NMT"]),
  k("Ca cao", "cocoa", 13, ["CH", "MK", "SE"]),
  k("Rượu nếp", "glutinous rice spirit", 14, "*"),
  k("Rượu ngô", "corn spirit", 14, ["NMT"]),
  k("Rượu men lá", "leaf-yeast spirit", 14, ["NMT", "NCC"]),
  k("Rượu vang sim", "rose-myrtle wine", 15, ["SCC", "MK"]),
  k("Rượu mơ", "apricot liqueur", 15, "*"),
  k("Rượu cần", "tube wine", 15, ["CH", "NMT"]),
  k("Nước khoáng thiên nhiên", "natural mineral water", 16, "*"),
  k("Nước ép chanh dây", "passion fruit juice", 17, ["CH"]),
  k("Nước dừa đóng chai", "bottled coconut water", 17, ["MK"]),
  k("Siro dâu tằm", "mulberry syrup", 17, "*"),
  k("Cao cà gai leo", "cà gai leo extract", 18, "*"),
  k("Viên tinh nghệ", "turmeric capsules", 18, "*"),
  k("Đông trùng hạ thảo", "cordyceps", 18, "*"),
  k("Cao atiso", "artichoke extract", 18, ["CH"]),
  k("Dầu gội bồ kết", "soapberry shampoo", 19, "*"),
  k("Xà phòng thảo dược", "herbal soap", 19, "*"),
  k("Son dưỡng sáp ong", "beeswax lip balm", 19, "*"),
  k("Tinh dầu sả chanh", "lemongrass oil", 20, "*"),
  k("Tinh dầu quế", "cinnamon oil", 20, ["NMT", "NCC"]),
  k("Tinh dầu tràm", "cajeput oil", 20, ["NCC", "MK"]),
  k("Quế khô", "dried cinnamon", 20, ["NMT", "NCC"]),
  k("Mây tre đan", "rattan and bamboo ware", 21, "*"),
  k("Gốm", "pottery", 21, ["RRD", "SE"]),
  k("Chiếu cói", "sedge mats", 21, ["RRD", "NCC"]),
  k("Đồ gỗ mỹ nghệ", "fine woodwork", 21, ["RRD", "NCC"]),
  k("Nón lá", "conical hats", 21, ["NCC"]),
  k("Thổ cẩm", "brocade", 22, ["NMT", "CH"]),
  k("Lụa tơ tằm", "silk", 22, ["RRD", "CH", "SCC"]),
  k("Hoa lan hồ điệp", "moth orchids", 23, "*"),
  k("Hoa đào", "peach blossom trees", 23, ["RRD", "NMT"]),
  k("Hoa mai vàng", "yellow apricot blossom", 23, ["SE", "MK"]),
  k("Cây bonsai", "bonsai trees", 24, "*"),
  k("Cá Koi", "koi", 25, "*"),
  k("Du lịch cộng đồng", "community tourism", 26, "*"),
  k("Du lịch sinh thái", "eco-tourism", 26, "*"),
  k("Điểm du lịch nông nghiệp", "farm tourism site", 26, "*"),
];

/** Qualifiers by product set; an empty list means the kind takes none. */
export function qualifiersFor(set: number): ReadonlyArray<readonly [vi: string, en: string]> {
  if (set <= 3) return [["hữu cơ", "organic"], ["VietGAP", "VietGAP"], ["đặc sản", "speciality"]];
  if (set === 4) return [["nguyên chất", "pure"], ["hữu cơ", "organic"]];
  if (set <= 10) return [["truyền thống", "traditional"], ["đặc biệt", "special"], ["thượng hạng", "premium"]];
  if (set <= 13) return [["thượng hạng", "premium"], ["hữu cơ", "organic"], ["đặc biệt", "special"]];
  if (set <= 17) return [["truyền thống", "traditional"], ["đặc biệt", "special"]];
  if (set <= 20) return [["nguyên chất", "pure"], ["hữu cơ", "organic"]];
  return [];
}

export const PLACE_NAMES: readonly string[] = [
  "Tân Phú", "Phú Lộc", "An Bình", "Bình Minh", "Đông Hưng", "Xuân Trường", "Yên Lạc", "Thạch Sơn",
  "Hòa An", "Tân Lập", "Quảng Phú", "Hưng Đạo", "Trung Sơn", "Đồng Tâm", "Thanh Sơn", "Kim Sơn",
  "Vĩnh Hòa", "Phước Long", "Long Hưng", "Mỹ Thạnh", "Tân Thạnh", "Hòa Thuận", "Nghĩa Đàn", "Cẩm Xuyên",
  "Hương Sơn", "Quỳnh Lưu", "Diễn Châu", "Yên Thành", "Tam Nông", "Thanh Bình", "Cái Bè", "Châu Thành",
  "Phong Điền", "Ô Môn", "Thới Lai", "Cờ Đỏ", "Trà Ôn", "Mỏ Cày", "Chợ Lách", "Giồng Trôm",
  "Ea Kar", "Krông Pắc", "Buôn Hồ", "Di Linh", "Bảo Lộc", "Đức Trọng", "Chư Sê", "Ia Grai",
  "Mộc Châu", "Sìn Hồ", "Tam Đường", "Mường Tè", "Bắc Sơn", "Trùng Khánh", "Hà Quảng", "Na Hang",
  "Chiêm Hóa", "Bắc Hà", "Sa Pa", "Văn Chấn", "Đại Từ", "Phú Lương", "Định Hóa", "Thanh Thủy",
  "Tam Đảo", "Lập Thạch", "Sóc Sơn", "Ba Vì", "Đông Anh", "Vân Đồn", "Tiên Yên", "Đầm Hà",
  "Lục Ngạn", "Yên Thế", "Khoái Châu", "Văn Giang", "Kiến Xương", "Tiền Hải", "Thủy Nguyên", "Kinh Môn",
  "Hoa Lư", "Kim Bảng", "Hải Hậu", "Giao Thủy", "Thọ Xuân", "Như Thanh", "Quảng Điền", "Phú Vang",
  "Hòa Vang", "Điện Bàn", "Duy Xuyên", "Tư Nghĩa", "Mộ Đức", "Vạn Ninh", "Cam Lâm", "Ninh Hải",
  "Củ Chi", "Cần Giờ", "Xuân Lộc", "Định Quán", "Bù Đăng", "Gò Dầu", "Tân Biên", "Đức Hòa",
  "Năm Căn", "U Minh", "Trần Văn Thời", "Phú Tân", "Tri Tôn", "Tịnh Biên", "Hòn Đất", "Mỹ Xuyên",
];

export const DISTRICT_NAMES: readonly string[] = [
  "Đông Sơn", "Yên Bình", "Phú Bình", "Tân Yên", "Hiệp Hòa", "Thanh Chương", "Hương Khê", "Lệ Thủy",
  "Gio Linh", "Sơn Tịnh", "Tuy Phước", "Đồng Xuân", "Krông Năng", "Lâm Hà", "Đạ Huoai", "Bình Chánh",
  "Long Thành", "Bến Cầu", "Châu Phú", "Thoại Sơn", "Cái Nước", "Hồng Dân", "Long Mỹ", "Vũng Liêm",
  "Càng Long", "Ba Tri", "Lấp Vò", "Cao Lãnh", "Chợ Gạo", "Mường La", "Yên Châu", "Than Uyên",
];

export const COOP_ACTIVITIES: ReadonlyArray<readonly [vi: string, en: string]> = [
  ["Nông nghiệp", "agricultural"],
  ["Dịch vụ nông nghiệp", "agricultural services"],
  ["Nông nghiệp hữu cơ", "organic farming"],
  ["Nông lâm nghiệp", "farming and forestry"],
  ["Sản xuất và kinh doanh tổng hợp", "general production and trade"],
  ["Chè", "tea"],
  ["Dược liệu", "medicinal herbs"],
  ["Thủ công mỹ nghệ", "handicrafts"],
  ["Thủy sản", "fisheries"],
  ["Chăn nuôi", "livestock"],
];

export const ENTERPRISE_FORMS: readonly string[] = ["Công ty TNHH", "Công ty TNHH MTV", "Công ty Cổ phần"];
export const ENTERPRISE_FIELDS: readonly string[] = [
  "Thực phẩm", "Nông sản", "Đặc sản", "Thương mại và Dịch vụ", "Dược liệu", "Đồ uống",
  "Chế biến nông sản", "Xuất nhập khẩu", "Nông nghiệp công nghệ cao", "Du lịch",
];
export const BRANDS: readonly string[] = [
  "Minh Phát", "Hưng Thịnh", "An Khang", "Phúc Lộc", "Thành Đạt", "Hòa Phát", "Tân Tiến", "Việt Hưng",
  "Bảo Ngọc", "Kim Long", "Đại Phong", "Sơn Hà", "Trường Thịnh", "Nam Việt", "Hoàng Gia", "Thiên Phú",
  "Quang Minh", "Đức Tín", "Phú Quý", "Hải Đăng", "Ngọc Lan", "Xanh Việt", "Tâm An", "Lộc Phát",
  "Hồng Hà", "Mai Linh", "Thuận Phong", "Bình An", "Gia Bảo", "Vạn Xuân",
];

export const SURNAMES: readonly string[] = [
  "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
  "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lò", "Hà", "Quách",
];
export const MALE_MIDDLE: readonly string[] = ["Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Công", "Thanh"];
export const FEMALE_MIDDLE: readonly string[] = ["Thị", "Thị", "Ngọc", "Thu", "Thùy", "Thanh", "Minh", "Kim"];
export const MALE_GIVEN: readonly string[] = [
  "Anh", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Minh", "Nam",
  "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Tuấn", "Tú", "Việt", "Đạt", "Lực", "Toàn",
];
export const FEMALE_GIVEN: readonly string[] = [
  "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Quỳnh", "Thảo", "Thủy",
  "Trang", "Yến", "Hằng", "Huyền", "Nhung", "Oanh", "Phương", "Vân",
];

/** Hamlet words by region: thôn in the north and centre, ấp in the south, bản in the north-west. */
export function hamletWord(region: Region): string {
  if (region === "SE" || region === "MK") return "Ấp";
  if (region === "NMT") return "Bản";
  if (region === "CH") return "Thôn";
  return "Thôn";
}
