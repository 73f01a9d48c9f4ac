import { describe, expect, it } from 'vitest';
import { AGENCIES, agencyName } from '../../../../server/simulator/agencies';

const byId = (id: string) => {
  const agency = AGENCIES.find((a) => a.id === id);
  if (!agency) throw new Error(id);
  return agency;
};

describe(agencyName.name, () => {
  it('names every agency in English too', () => {
    for (const agency of AGENCIES) {
      expect(agency.en, agency.id).toMatch(/^[A-Z][A-Za-z ,'-]+$/);
      expect(agency.en, agency.id).not.toBe(agency.name);
    }
    expect(agencyName(byId('so-tu-phap'), '37', 'en')).toBe('Department of Justice');
  });

  it("words a city's agencies for a city and a province's for a province", () => {
    expect(agencyName(byId('cong-an-tinh'), '01')).toBe('Công an thành phố');
    expect(agencyName(byId('cong-an-tinh'), '01', 'en')).toBe('City Police');
    expect(agencyName(byId('van-phong-ubnd-tinh'), '79')).toBe('Văn phòng UBND thành phố');
    expect(agencyName(byId('thanh-tra-tinh'), '46', 'en')).toBe('City Inspectorate');
    expect(agencyName(byId('cong-an-tinh'), '37')).toBe('Công an tỉnh');
    expect(agencyName(byId('cong-an-tinh'), '37', 'en')).toBe('Provincial Police');
  });
});
