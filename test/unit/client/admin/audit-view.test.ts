import { describe, expect, it } from 'vitest';
import type { AuditAction, AuditEntry } from '../../../../shared/admin';
import { auditSentence } from '../../../../client/admin/audit-view';

const entry = (action: AuditAction, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: '1-0',
  at: 0,
  action,
  actor: 'user:nva',
  actorName: 'Nguyễn Văn A',
  target: null,
  ip: null,
  detail: null,
  ...over,
});

describe(auditSentence.name, () => {
  it('says who signed in from where, in Vietnamese and in English', () => {
    const e = entry('session.signed-in', { ip: '10.0.0.5', target: 'nva' });
    expect(auditSentence(e, 'vi')).toBe('Nguyễn Văn A đăng nhập từ 10.0.0.5');
    expect(auditSentence(e, 'en')).toBe('Nguyễn Văn A signed in from 10.0.0.5');
  });

  it("puts the server's English details into Vietnamese", () => {
    const failed = entry('session.sign-in-failed', {
      actor: 'anonymous',
      actorName: 'nva',
      target: 'nva',
      ip: '10.0.0.9',
      detail: 'wrong password',
    });
    expect(auditSentence(failed, 'vi')).toBe(
      'Đăng nhập không thành công với tên “nva” từ 10.0.0.9: sai mật khẩu',
    );
    const refused = entry('access.refused', { target: 'fleet:command', detail: 'needs operator' });
    expect(auditSentence(refused, 'vi')).toBe(
      'Nguyễn Văn A bị từ chối: fleet:command: cần quyền cán bộ vận hành',
    );
    const added = entry('user.created', { target: 'ttb', detail: 'Trần Thị B (leader)' });
    expect(auditSentence(added, 'vi')).toBe('Nguyễn Văn A thêm người dùng Trần Thị B (lãnh đạo)');
    const meeting = entry('meeting.created', { detail: 'Giao ban sáng (3 invited)' });
    expect(auditSentence(meeting, 'vi')).toBe('Nguyễn Văn A tạo cuộc họp “Giao ban sáng”, mời 3 người');
  });

  it('never shows the JSON of a meeting view: the scene, the commune and the period in words', () => {
    const steered = entry('meeting.steered', {
      target: 'meeting:m1',
      detail: JSON.stringify({ scene: 'map', kpi: 'onTimeRate', commune: '00004', period: 'today' }),
    });
    const text = auditSentence(steered, 'vi', (code) => (code === '00004' ? 'Phường Ba Đình' : code));
    expect(text).not.toMatch(/[{}"]/);
    expect(text).toContain('Phường Ba Đình');
    expect(text).toMatch(/^Nguyễn Văn A chuyển cuộc họp sang /);
    const presenter = entry('meeting.presenter', { detail: 'presenter: user:ttb' });
    expect(auditSentence(presenter, 'vi')).toBe('Nguyễn Văn A trao quyền trình bày cho ttb');
  });

  it('writes every action as a sentence without the English key', () => {
    const actions: AuditAction[] = [
      'session.signed-in',
      'session.sign-in-failed',
      'session.locked',
      'session.signed-out',
      'device.paired',
      'device.revoked',
      'key.created',
      'key.revoked',
      'user.created',
      'alert.acknowledged',
      'meeting.created',
      'meeting.steered',
      'meeting.presenter',
      'fleet.command',
      'access.refused',
    ];
    for (const action of actions) {
      const text = auditSentence(entry(action, { target: 'x', detail: 'Phòng họp 1' }), 'vi');
      expect(text, action).not.toContain(action);
      expect(text, action).toMatch(/\p{L}/u);
    }
  });
});
