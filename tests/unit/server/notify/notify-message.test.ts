import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../shared/city/jakarta/index.ts';
import type { Alert, AlertEvent } from '../../../../shared/domain/alerts.ts';
import {
  alertNotification,
  emailTextOf,
  subjectOf,
  testNotification,
} from '../../../../server/notify/notify-message.ts';

const ALERT: Alert = {
  id: 'alert-sla-response-breached-inc-1',
  kind: 'sla_breached',
  severity: 'critical',
  agency: 'dsda',
  category: 'flooding',
  incidentIds: ['inc-1'],
  clock: 'response',
  area: null,
  summary: {
    id: 'Banjir di Penjaringan, terlambat 2 jam',
    en: 'Flooding in Penjaringan, 2 h late',
  },
  facts: { dueAt: '2026-12-01T07:05:00.000Z' },
  raisedAt: '2026-12-01T07:05:00.000Z',
  status: 'open',
  level: 'head',
  acknowledgedBy: null,
  acknowledgedAt: null,
  escalatedAt: '2026-12-01T09:05:00.000Z',
  clearedAt: null,
  clearReason: null,
  updatedAt: '2026-12-01T09:05:00.000Z',
  lastSeq: 42,
};

const event = (over: Partial<AlertEvent> & Pick<AlertEvent, 'type' | 'data'>): AlertEvent =>
  ({
    seq: 42,
    incidentId: ALERT.id,
    at: '2026-12-01T09:05:01.000Z',
    actor: { kind: 'system', id: 'analyst' },
    ...over,
  }) as AlertEvent;

const ESCALATED = event({
  type: 'alert.escalated',
  data: { from: 'desk', to: 'head', occurredAt: '2026-12-01T09:05:00.000Z', note: null },
});

const notify = (alert: Alert, e: AlertEvent) =>
  alertNotification({
    deliveryId: 'd-1',
    alert,
    event: e,
    pack: JAKARTA,
    publicUrl: 'https://nakhoda.example',
  });

describe('alert notifications', () => {
  it('says what happened in Indonesian and English, at WIB, naming the agency head', () => {
    const body = notify(ALERT, ESCALATED);
    expect(body.text).toEqual({
      id: '[KRITIS] Banjir di Penjaringan, terlambat 2 jam — eskalasi ke Kepala Dinas Sumber Daya Air, 1 Des 16.05 WIB.',
      en: '[CRITICAL] Flooding in Penjaringan, 2 h late — escalated to the head of the Water Resources Agency, 1 Dec 16:05 WIB.',
    });
    expect(body).toMatchObject({
      type: 'alert.escalated',
      deliveryId: 'd-1',
      occurredAt: '2026-12-01T09:05:00.000Z',
      alert: ALERT,
      event: { seq: 42, type: 'alert.escalated', data: { from: 'desk', to: 'head' } },
      url: 'https://nakhoda.example/ops?alert=alert-sla-response-breached-inc-1',
    });
  });

  it('tags a cleared alert as done, with its reason', () => {
    const cleared = { ...ALERT, status: 'cleared' as const, clearReason: 'resolved' as const };
    const e = event({
      type: 'alert.cleared',
      data: { reason: 'resolved', occurredAt: '2026-12-01T09:30:00.000Z', note: null },
    });
    const body = notify(cleared, e);
    expect(body.text.id).toMatch(/^\[SELESAI\] .* — selesai: tertangani, 1 Des 16\.30 WIB\.$/);
    expect(body.text.en).toMatch(/^\[CLEARED\] .* — cleared: resolved, 1 Dec 16:30 WIB\.$/);
  });

  it('names a surge as one, and the supervisor by role', () => {
    const surge = { ...ALERT, kind: 'surge' as const, agency: null, severity: 'warning' as const };
    const e = event({
      type: 'alert.escalated',
      data: { from: 'head', to: 'supervisor', occurredAt: '2026-12-01T09:05:00.000Z', note: null },
    });
    const body = notify({ ...surge, level: 'supervisor' }, e);
    expect(body.text.en).toMatch(
      /^\[WARNING\] Surge of reports: .* — escalated to the command center supervisor, /,
    );
  });

  it('writes an email subject without the details, and the text with the link last', () => {
    const body = notify(ALERT, ESCALATED);
    expect(subjectOf(body, JAKARTA)).toBe(
      '[KRITIS] SLA terlewati — eskalasi ke Kepala Dinas Sumber Daya Air / SLA missed — escalated to the head of the Water Resources Agency',
    );
    expect(emailTextOf(body)).toBe(`${body.text.id}\n\n${body.text.en}\n\n${body.url}\n`);
  });

  it('keeps a subject to 200 characters', () => {
    const long = { ...ALERT, agency: null };
    const e = event({
      type: 'alert.acknowledged',
      actor: { kind: 'user', id: 'x'.repeat(300) },
      data: { occurredAt: '2026-12-01T09:05:00.000Z', note: null },
    });
    const subject = subjectOf(notify(long, e), JAKARTA);
    expect(subject).toHaveLength(200);
    expect(subject.endsWith('…')).toBe(true);
  });

  it('writes a test notification that names its subscription and points to /admin', () => {
    const body = testNotification({
      deliveryId: 't-1',
      subscriptionName: 'SDA bot',
      at: new Date('2026-12-01T02:00:00.000Z'),
      publicUrl: 'https://nakhoda.example',
    });
    expect(body).toMatchObject({
      type: 'notification.test',
      alert: null,
      event: null,
      occurredAt: '2026-12-01T02:00:00.000Z',
      url: 'https://nakhoda.example/admin',
    });
    expect(body.text.id).toContain('"SDA bot"');
    expect(body.text.en).toContain('"SDA bot"');
    expect(subjectOf(body, JAKARTA)).toBe('Nakhoda: notifikasi uji / test notification');
  });
});
