import type { Programme } from '../../shared/events';

/**
 * Task titles in the words of provincial plans implementing Resolution 57-NQ/TW (science, technology,
 * innovation and digital transformation), Project 06 (population data and e-identification) and the
 * province's administrative-reform programme. Expanded over the fields of public administration.
 */

const FIELDS = [
  'đất đai',
  'hộ tịch',
  'y tế',
  'giáo dục',
  'xây dựng',
  'tư pháp',
  'đăng ký doanh nghiệp',
  'lao động, việc làm',
  'an sinh xã hội',
  'giao thông',
  'thương mại',
  'du lịch',
  'nông nghiệp',
  'môi trường',
];

const TEMPLATES: Record<Programme, readonly string[]> = {
  nq57: [
    'Xây dựng, vận hành cơ sở dữ liệu chuyên ngành {field}',
    'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính lĩnh vực {field}',
    'Ứng dụng trí tuệ nhân tạo hỗ trợ xử lý hồ sơ lĩnh vực {field}',
    'Kết nối, chia sẻ dữ liệu {field} với nền tảng tích hợp dữ liệu của tỉnh',
    'Bảo đảm an toàn thông tin theo cấp độ cho hệ thống thông tin {field}',
    'Đào tạo kỹ năng số cho cán bộ, công chức làm công tác {field}',
  ],
  da06: [
    'Làm sạch dữ liệu, đồng bộ với Cơ sở dữ liệu quốc gia về dân cư lĩnh vực {field}',
    'Triển khai xác thực điện tử bằng VNeID trong giải quyết thủ tục lĩnh vực {field}',
    'Cắt giảm giấy tờ nhờ khai thác dữ liệu dân cư trong lĩnh vực {field}',
    'Đẩy mạnh thanh toán không dùng tiền mặt trong lĩnh vực {field}',
  ],
  province: [
    'Rà soát, cắt giảm thời gian giải quyết thủ tục hành chính lĩnh vực {field}',
    'Nâng tỷ lệ hồ sơ trực tuyến toàn trình lĩnh vực {field}',
    'Tích hợp dữ liệu {field} vào Trung tâm điều hành thông minh',
    'Khắc phục hồ sơ trễ hạn lĩnh vực {field}',
  ],
};

/** Every title a programme's tasks may carry. */
export const TASK_TITLES: Record<Programme, readonly string[]> = {
  nq57: expand(TEMPLATES.nq57),
  da06: expand(TEMPLATES.da06),
  province: expand(TEMPLATES.province),
};

function expand(templates: readonly string[]): string[] {
  return templates.flatMap((template) => FIELDS.map((field) => template.replace('{field}', field)));
}
