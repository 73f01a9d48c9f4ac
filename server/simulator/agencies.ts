import { placeWording, provinceKindOf } from '../../shared/provinces';

/**
 * The agencies that receive dossiers and carry tasks, after the 2025 reorganisation of provincial
 * departments (e.g. Planning and Investment merged into Finance, Transport into Construction,
 * Natural Resources into Agriculture and Environment). Ids are stable: the wall ranks agencies by them.
 */

/** One agency of the province. */
export interface Agency {
  /** Stable id matching AGENCY_ID_RE, e.g. "so-tu-phap". */
  readonly id: string;
  /** Its Vietnamese name as a province's is written ("Công an tỉnh"); see agencyName for a city's. */
  readonly name: string;
  /** Its English name, likewise ("Provincial Police"). */
  readonly en: string;
  /** Two digits of its dossier-code prefix (H<province>.<code>), as the one-stop system numbers dossiers. */
  readonly code: string;
}

export const AGENCIES = [
  {
    id: 'van-phong-ubnd-tinh',
    name: 'Văn phòng UBND tỉnh',
    en: "Office of the Provincial People's Committee",
    code: '01',
  },
  { id: 'so-noi-vu', name: 'Sở Nội vụ', en: 'Department of Home Affairs', code: '02' },
  { id: 'so-tai-chinh', name: 'Sở Tài chính', en: 'Department of Finance', code: '03' },
  { id: 'so-tu-phap', name: 'Sở Tư pháp', en: 'Department of Justice', code: '04' },
  { id: 'so-cong-thuong', name: 'Sở Công Thương', en: 'Department of Industry and Trade', code: '05' },
  { id: 'so-xay-dung', name: 'Sở Xây dựng', en: 'Department of Construction', code: '06' },
  {
    id: 'so-nong-nghiep-va-moi-truong',
    name: 'Sở Nông nghiệp và Môi trường',
    en: 'Department of Agriculture and Environment',
    code: '07',
  },
  {
    id: 'so-khoa-hoc-va-cong-nghe',
    name: 'Sở Khoa học và Công nghệ',
    en: 'Department of Science and Technology',
    code: '08',
  },
  {
    id: 'so-giao-duc-va-dao-tao',
    name: 'Sở Giáo dục và Đào tạo',
    en: 'Department of Education and Training',
    code: '09',
  },
  { id: 'so-y-te', name: 'Sở Y tế', en: 'Department of Health', code: '10' },
  {
    id: 'so-van-hoa-the-thao-va-du-lich',
    name: 'Sở Văn hóa, Thể thao và Du lịch',
    en: 'Department of Culture, Sports and Tourism',
    code: '11',
  },
  {
    id: 'so-dan-toc-va-ton-giao',
    name: 'Sở Dân tộc và Tôn giáo',
    en: 'Department of Ethnic and Religious Affairs',
    code: '12',
  },
  { id: 'so-ngoai-vu', name: 'Sở Ngoại vụ', en: 'Department of Foreign Affairs', code: '13' },
  { id: 'thanh-tra-tinh', name: 'Thanh tra tỉnh', en: 'Provincial Inspectorate', code: '14' },
  { id: 'cong-an-tinh', name: 'Công an tỉnh', en: 'Provincial Police', code: '15' },
  {
    id: 'ban-quan-ly-cac-khu-cong-nghiep',
    name: 'Ban Quản lý các khu công nghiệp',
    en: 'Industrial Zones Management Board',
    code: '16',
  },
  {
    id: 'van-phong-dang-ky-dat-dai',
    name: 'Văn phòng Đăng ký đất đai',
    en: 'Land Registration Office',
    code: '17',
  },
  {
    id: 'trung-tam-phuc-vu-hanh-chinh-cong',
    name: 'Trung tâm Phục vụ hành chính công',
    en: 'Public Administrative Service Centre',
    code: '18',
  },
  // Commune-level work (ward and commune people's committees) is ranked as one agency; the commune
  // field tells the units apart.
  { id: 'ubnd-xa', name: 'UBND cấp xã', en: "Commune-level People's Committees", code: '50' },
] as const satisfies readonly Agency[];

/**
 * An agency's name for the province the server runs for, in Vietnamese or English: a centrally-run
 * city's police is "Công an thành phố" / "City Police", a province's "Công an tỉnh" / "Provincial Police".
 */
export function agencyName(agency: Agency, provinceCode: string, lang: 'vi' | 'en' = 'vi'): string {
  return placeWording(lang === 'vi' ? agency.name : agency.en, provinceKindOf(provinceCode));
}

export type AgencyId = (typeof AGENCIES)[number]['id'];

const byId = new Map<string, Agency>(AGENCIES.map((a) => [a.id, a]));

function agencyById(id: AgencyId): Agency {
  const agency = byId.get(id);
  if (!agency) throw new Error(`Unknown agency "${id}"`);
  return agency;
}

/**
 * The agency part of a dossier code, as in "H15.50.05.13-261123-0975": a department's own prefix, or
 * for commune-level dossiers the commune-level prefix plus the ward code.
 */
export function dossierCodePrefix(provinceCode: string, agency: AgencyId, communeCode: string): string {
  const { code } = agencyById(agency);
  return agency === 'ubnd-xa' ? `H${provinceCode}.${code}.${communeCode}` : `H${provinceCode}.${code}`;
}
