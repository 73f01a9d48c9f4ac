import type { AgencyId } from './agencies';

/**
 * A catalogue of common administrative procedures with their statutory processing time, the deepest
 * online level they allow, and their fee. Weights are relative frequencies: copies certified at the
 * commune dominate, land registration brings the big fees (KPIS.md: mean payment about 567,000 VND,
 * heavy-tailed). Fees are drawn log-normally around a median; a sigma near 0 is a fixed fee.
 */

export interface Fee {
  /** Share of this procedure's dossiers that carry a fee (some applicants are exempt). */
  share: number;
  medianVnd: number;
  sigma: number;
}

export interface Procedure {
  name: string;
  agency: AgencyId;
  /** Statutory processing time, in office hours (8 a working day). */
  hours: number;
  weight: number;
  /** The deepest online level offered: full-online, partly online, or counter only. */
  online: 'full' | 'partial' | 'none';
  fee: Fee | null;
  /** Chance a dossier of this procedure is finished after its due time. */
  lateRisk: number;
}

const fixedFee = (vnd: number, share = 1): Fee => ({ share, medianVnd: vnd, sigma: 0.05 });
const DAY = 8;

// One procedure a line reads as the table it is.
// prettier-ignore
export const PROCEDURES: readonly Procedure[] = [
  // Commune level (UBND cấp xã): the bulk of daily work.
  { name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', agency: 'ubnd-xa', hours: 2, weight: 16, online: 'partial', fee: { share: 0.2, medianVnd: 12_000, sigma: 0.6 }, lateRisk: 0.003 },
  { name: 'Chứng thực chữ ký trong các giấy tờ, văn bản', agency: 'ubnd-xa', hours: 4, weight: 4, online: 'none', fee: fixedFee(10_000, 0.4), lateRisk: 0.003 },
  { name: 'Chứng thực hợp đồng, giao dịch liên quan đến bất động sản', agency: 'ubnd-xa', hours: 2 * DAY, weight: 3, online: 'none', fee: { share: 1, medianVnd: 50_000, sigma: 0.5 }, lateRisk: 0.01 },
  { name: 'Đăng ký khai sinh', agency: 'ubnd-xa', hours: DAY, weight: 8, online: 'full', fee: null, lateRisk: 0.005 },
  { name: 'Đăng ký khai tử', agency: 'ubnd-xa', hours: DAY, weight: 2, online: 'full', fee: null, lateRisk: 0.005 },
  { name: 'Đăng ký kết hôn', agency: 'ubnd-xa', hours: DAY, weight: 2, online: 'partial', fee: null, lateRisk: 0.005 },
  { name: 'Cấp bản sao trích lục hộ tịch', agency: 'ubnd-xa', hours: 4, weight: 4, online: 'full', fee: fixedFee(8_000, 0.3), lateRisk: 0.003 },
  { name: 'Cấp Giấy xác nhận tình trạng hôn nhân', agency: 'ubnd-xa', hours: 3 * DAY, weight: 3, online: 'full', fee: null, lateRisk: 0.01 },
  { name: 'Đăng ký thành lập hộ kinh doanh', agency: 'ubnd-xa', hours: 3 * DAY, weight: 2, online: 'full', fee: fixedFee(100_000), lateRisk: 0.01 },
  { name: 'Xác nhận thông tin hộ tịch', agency: 'ubnd-xa', hours: 3 * DAY, weight: 3, online: 'full', fee: null, lateRisk: 0.005 },
  { name: 'Hỗ trợ chi phí mai táng', agency: 'ubnd-xa', hours: 3 * DAY, weight: 1, online: 'partial', fee: null, lateRisk: 0.01 },
  { name: 'Giải quyết chế độ ưu đãi đối với người có công', agency: 'ubnd-xa', hours: 10 * DAY, weight: 1.5, online: 'partial', fee: null, lateRisk: 0.02 },
  { name: 'Giải quyết trợ cấp xã hội hằng tháng', agency: 'ubnd-xa', hours: 15 * DAY, weight: 1.5, online: 'partial', fee: null, lateRisk: 0.03 },
  { name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', agency: 'ubnd-xa', hours: 15 * DAY, weight: 1.5, online: 'partial', fee: fixedFee(75_000), lateRisk: 0.04 },
  // Land registration: frequent, slow, and where the large fees are.
  { name: 'Đăng ký biến động quyền sử dụng đất, tài sản gắn liền với đất', agency: 'van-phong-dang-ky-dat-dai', hours: 10 * DAY, weight: 5, online: 'partial', fee: { share: 0.9, medianVnd: 1_300_000, sigma: 0.9 }, lateRisk: 0.05 },
  { name: 'Đăng ký đất đai, cấp Giấy chứng nhận lần đầu', agency: 'van-phong-dang-ky-dat-dai', hours: 15 * DAY, weight: 1.5, online: 'partial', fee: { share: 1, medianVnd: 2_800_000, sigma: 0.9 }, lateRisk: 0.06 },
  { name: 'Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất', agency: 'van-phong-dang-ky-dat-dai', hours: DAY, weight: 4, online: 'full', fee: fixedFee(80_000, 0.5), lateRisk: 0.01 },
  { name: 'Cung cấp thông tin, dữ liệu đất đai', agency: 'van-phong-dang-ky-dat-dai', hours: 2 * DAY, weight: 1.5, online: 'full', fee: { share: 1, medianVnd: 150_000, sigma: 0.4 }, lateRisk: 0.01 },
  // Provincial departments.
  { name: 'Cấp Phiếu lý lịch tư pháp', agency: 'so-tu-phap', hours: 10 * DAY, weight: 5, online: 'full', fee: fixedFee(200_000, 0.7), lateRisk: 0.02 },
  { name: 'Đăng ký thành lập doanh nghiệp', agency: 'so-tai-chinh', hours: 3 * DAY, weight: 2.5, online: 'full', fee: fixedFee(50_000, 0.3), lateRisk: 0.01 },
  { name: 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp', agency: 'so-tai-chinh', hours: 3 * DAY, weight: 3, online: 'full', fee: fixedFee(50_000, 0.3), lateRisk: 0.01 },
  { name: 'Quyết định chấp thuận chủ trương đầu tư', agency: 'so-tai-chinh', hours: 15 * DAY, weight: 0.2, online: 'partial', fee: null, lateRisk: 0.08 },
  { name: 'Cấp đổi giấy phép lái xe', agency: 'so-xay-dung', hours: 5 * DAY, weight: 3, online: 'full', fee: fixedFee(135_000), lateRisk: 0.01 },
  { name: 'Cấp giấy phép xây dựng công trình', agency: 'so-xay-dung', hours: 15 * DAY, weight: 0.5, online: 'partial', fee: fixedFee(150_000), lateRisk: 0.05 },
  { name: 'Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng', agency: 'so-xay-dung', hours: 15 * DAY, weight: 0.3, online: 'partial', fee: { share: 1, medianVnd: 4_000_000, sigma: 0.9 }, lateRisk: 0.06 },
  { name: 'Cấp chứng chỉ hành nghề hoạt động xây dựng', agency: 'so-xay-dung', hours: 10 * DAY, weight: 0.5, online: 'full', fee: fixedFee(300_000), lateRisk: 0.02 },
  { name: 'Cấp Giấy phép bán lẻ sản phẩm rượu', agency: 'so-cong-thuong', hours: 10 * DAY, weight: 0.5, online: 'full', fee: { share: 1, medianVnd: 1_200_000, sigma: 0.3 }, lateRisk: 0.02 },
  { name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', agency: 'so-cong-thuong', hours: 15 * DAY, weight: 0.6, online: 'partial', fee: { share: 1, medianVnd: 1_000_000, sigma: 0.5 }, lateRisk: 0.03 },
  { name: 'Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh', agency: 'so-y-te', hours: 15 * DAY, weight: 0.8, online: 'partial', fee: fixedFee(360_000), lateRisk: 0.04 },
  { name: 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược', agency: 'so-y-te', hours: 15 * DAY, weight: 0.5, online: 'partial', fee: { share: 1, medianVnd: 1_000_000, sigma: 0.4 }, lateRisk: 0.04 },
  { name: 'Cấp giấy phép lao động cho người lao động nước ngoài', agency: 'so-noi-vu', hours: 5 * DAY, weight: 1, online: 'full', fee: fixedFee(600_000), lateRisk: 0.02 },
  { name: 'Giải quyết hưởng trợ cấp thất nghiệp', agency: 'so-noi-vu', hours: 15 * DAY, weight: 2, online: 'partial', fee: null, lateRisk: 0.02 },
  { name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc', agency: 'so-giao-duc-va-dao-tao', hours: DAY, weight: 1.5, online: 'full', fee: null, lateRisk: 0.005 },
  { name: 'Chuyển trường đối với học sinh trung học phổ thông', agency: 'so-giao-duc-va-dao-tao', hours: 3 * DAY, weight: 1, online: 'full', fee: null, lateRisk: 0.005 },
  { name: 'Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp', agency: 'so-khoa-hoc-va-cong-nghe', hours: 10 * DAY, weight: 0.2, online: 'full', fee: null, lateRisk: 0.02 },
  { name: 'Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa', agency: 'so-van-hoa-the-thao-va-du-lich', hours: 10 * DAY, weight: 0.3, online: 'full', fee: fixedFee(3_000_000), lateRisk: 0.02 },
  { name: 'Đăng ký sinh hoạt tôn giáo tập trung', agency: 'so-dan-toc-va-ton-giao', hours: 15 * DAY, weight: 0.2, online: 'partial', fee: null, lateRisk: 0.03 },
  { name: 'Cho phép tổ chức hội nghị, hội thảo quốc tế', agency: 'so-ngoai-vu', hours: 15 * DAY, weight: 0.2, online: 'partial', fee: null, lateRisk: 0.03 },
  { name: 'Tiếp nhận đơn khiếu nại lần đầu', agency: 'thanh-tra-tinh', hours: 15 * DAY, weight: 0.3, online: 'none', fee: null, lateRisk: 0.08 },
  { name: 'Cấp hộ chiếu phổ thông', agency: 'cong-an-tinh', hours: 8 * DAY, weight: 3, online: 'full', fee: fixedFee(200_000), lateRisk: 0.01 },
  { name: 'Cấp Giấy chứng nhận đăng ký đầu tư', agency: 'ban-quan-ly-cac-khu-cong-nghiep', hours: 15 * DAY, weight: 0.3, online: 'full', fee: null, lateRisk: 0.03 },
  { name: 'Gia hạn giấy phép lao động trong khu công nghiệp', agency: 'ban-quan-ly-cac-khu-cong-nghiep', hours: 5 * DAY, weight: 0.4, online: 'full', fee: fixedFee(450_000), lateRisk: 0.02 },
  { name: 'Giải quyết thủ tục liên thông đăng ký khai sinh, thường trú, cấp thẻ BHYT', agency: 'trung-tam-phuc-vu-hanh-chinh-cong', hours: 5 * DAY, weight: 1, online: 'full', fee: null, lateRisk: 0.01 },
];
