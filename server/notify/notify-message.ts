/**
 * What a notification says: the JSON body a webhook receives (and an email is written
 * from), with one paragraph for people in Indonesian and English, e.g.
 * "[KRITIS] Batas waktu respons terlewati: Banjir di Penjaringan, terlambat 2 jam (…) —
 * eskalasi ke Kepala Dinas Sumber Daya Air, 1 Des 16.05 WIB", and a link to the alert on
 * /ops. Built once, when the dispatcher creates a delivery, from the alert as that event
 * left it; every retry sends the same bytes. Pure.
 */
import { agencyByCode } from '../../shared/city/lookup.ts';
import type { CityPack } from '../../shared/city/types.ts';
import type {
  Alert,
  AlertEvent,
  AlertEventType,
  AlertKind,
  AlertText,
  ClearReason,
  EscalationLevel,
} from '../../shared/domain/alerts.ts';
import { ESCALATION_LEVEL_NAMES } from '../../shared/domain/escalation.ts';
import { dateTimeFormat } from '../../shared/domain/time.ts';
import type { Actor } from '../../shared/domain/types.ts';
import { TEST_EVENT_TYPE, type DeliveryEventType } from '../../shared/domain/notify-contract.ts';

/** The body of a webhook's POST; `alert` and `event` are null in a test notification. */
export interface NotificationBody {
  type: DeliveryEventType;
  deliveryId: string;
  /** When the event happened (UTC ISO): the field time of the alert event. */
  occurredAt: string;
  alert: Alert | null;
  event: { seq: number; type: AlertEventType; actor: Actor; data: AlertEvent['data'] } | null;
  text: AlertText;
  /** Where a person acts on it: the alert on /ops (or /admin for a test). */
  url: string;
}

const KIND_NAMES: Record<AlertKind, AlertText> = {
  sla_will_breach: { id: 'SLA hampir terlewati', en: 'SLA about to be missed' },
  sla_breached: { id: 'SLA terlewati', en: 'SLA missed' },
  surge: { id: 'Lonjakan laporan', en: 'Surge of reports' },
};

const CLEAR_NAMES: Record<ClearReason, AlertText> = {
  resolved: { id: 'tertangani', en: 'resolved' },
  subsided: { id: 'mereda', en: 'subsided' },
  dismissed: { id: 'diabaikan', en: 'dismissed' },
  superseded: { id: 'digantikan', en: 'superseded' },
};

/** Who a level is for this alert: the agency's own desk or head when it has one. */
function levelName(pack: CityPack, level: EscalationLevel, agencyCode: string | null): AlertText {
  const agency = agencyCode ? agencyByCode(pack, agencyCode) : undefined;
  if (!agency || level === 'supervisor') return ESCALATION_LEVEL_NAMES[level];
  return level === 'head'
    ? { id: `Kepala ${agency.name.id}`, en: `the head of the ${agency.name.en}` }
    : { id: `meja ${agency.name.id}`, en: `the ${agency.name.en} desk` };
}

function eventPhrase(pack: CityPack, alert: Alert, event: AlertEvent): AlertText {
  switch (event.type) {
    case 'alert.raised':
      return { id: 'peringatan baru', en: 'new alert' };
    case 'alert.updated':
      return { id: 'diperbarui', en: 'updated' };
    case 'alert.acknowledged':
      return { id: `diakui oleh ${event.actor.id}`, en: `acknowledged by ${event.actor.id}` };
    case 'alert.escalated': {
      const to = levelName(pack, event.data.to, alert.agency);
      return { id: `eskalasi ke ${to.id}`, en: `escalated to ${to.en}` };
    }
    case 'alert.cleared': {
      const why = CLEAR_NAMES[event.data.reason];
      return { id: `selesai: ${why.id}`, en: `cleared: ${why.en}` };
    }
  }
}

function tag(alert: Alert, type: AlertEventType): AlertText {
  if (type === 'alert.cleared') return { id: '[SELESAI]', en: '[CLEARED]' };
  return alert.severity === 'critical'
    ? { id: '[KRITIS]', en: '[CRITICAL]' }
    : { id: '[PERINGATAN]', en: '[WARNING]' };
}

/** "1 Des 16.05 WIB" / "1 Dec 16:05 WIB": the city's zone, named as its people name it. */
function when(pack: CityPack, iso: string): AlertText {
  const at = new Date(iso);
  const opts = {
    timeZone: pack.timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  } as const;
  const zone =
    dateTimeFormat('id-ID', { timeZone: pack.timeZone, timeZoneName: 'short' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? pack.timeZone;
  const plain = (locale: string) => dateTimeFormat(locale, opts).format(at).replace(',', '');
  return { id: `${plain('id-ID')} ${zone}`, en: `${plain('en-GB')} ${zone}` };
}

const alertUrl = (publicUrl: string, id: string) =>
  `${publicUrl}/ops?alert=${encodeURIComponent(id)}`;

/** What a webhook receives (and an email says) for `event`, with `alert` as it left it. */
export function alertNotification(opts: {
  deliveryId: string;
  alert: Alert;
  event: AlertEvent;
  pack: CityPack;
  publicUrl: string;
}): NotificationBody {
  const { alert, event, pack } = opts;
  const t = tag(alert, event.type);
  const kind = alert.kind === 'surge' ? KIND_NAMES.surge : null;
  const phrase = eventPhrase(pack, alert, event);
  const at = when(pack, event.data.occurredAt);
  const paragraph = (l: keyof AlertText) =>
    `${t[l]} ${kind ? `${kind[l]}: ` : ''}${alert.summary[l]} — ${phrase[l]}, ${at[l]}.`;
  return {
    type: event.type,
    deliveryId: opts.deliveryId,
    occurredAt: event.data.occurredAt,
    alert,
    event: { seq: event.seq, type: event.type, actor: event.actor, data: event.data },
    text: { id: paragraph('id'), en: paragraph('en') },
    url: alertUrl(opts.publicUrl, alert.id),
  };
}

/** A notification an admin sends to check a subscription's channel. */
export function testNotification(opts: {
  deliveryId: string;
  subscriptionName: string;
  at: Date;
  publicUrl: string;
}): NotificationBody {
  const name = opts.subscriptionName;
  return {
    type: TEST_EVENT_TYPE,
    deliveryId: opts.deliveryId,
    occurredAt: opts.at.toISOString(),
    alert: null,
    event: null,
    text: {
      id: `[UJI] Notifikasi uji dari Nakhoda untuk langganan "${name}": bila pesan ini sampai, saluran ini berfungsi.`,
      en: `[TEST] A test notification from Nakhoda for the subscription "${name}": if this arrives, the channel works.`,
    },
    url: `${opts.publicUrl}/admin`,
  };
}

const SUBJECT_MAX = 200;

/** An email's subject: what happened, in both languages, without the alert's details. */
export function subjectOf(body: NotificationBody, pack: CityPack): string {
  let subject: string;
  if (!body.alert || !body.event) subject = 'Nakhoda: notifikasi uji / test notification';
  else {
    const t = tag(body.alert, body.event.type);
    const kind = KIND_NAMES[body.alert.kind];
    const phrase = eventPhrase(pack, body.alert, body.event as AlertEvent);
    subject = `${t.id} ${kind.id} — ${phrase.id} / ${kind.en} — ${phrase.en}`;
  }
  return subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject;
}

/** An email's plain text: the paragraph in each language, then the link. */
export function emailTextOf(body: NotificationBody): string {
  return `${body.text.id}\n\n${body.text.en}\n\n${body.url}\n`;
}
