/**
 * What a scheduled briefing says around its PDF: the link to the same briefing on
 * /briefing (a custom range of the period's days, the agency as its filter), the email's
 * subject and body (Indonesian first, English too), the webhook's JSON, and the file's
 * name. Built once per send from the schedule and the period, so every try says the same.
 */
import { formatRange } from '../../shared/briefing-pdf/format.ts';
import { formatKpi } from '../../shared/briefing-pdf/format.ts';
import { agencyName } from '../../shared/briefing-pdf/names.ts';
import type { CityPack } from '../../shared/city/types.ts';
import type { Briefing } from '../../shared/domain/briefing.ts';
import { formatYmd, zonedDate } from '../../shared/domain/time.ts';
import { defineMessages, format, type Locale } from '../../shared/i18n/format.ts';
import type { BriefingSchedule, BriefingSend } from '../notify/schedule-store.ts';

/** `X-Nakhoda-Event` of a scheduled briefing's webhook. */
export const BRIEFING_EVENT_TYPE = 'briefing.scheduled';

const MESSAGES = defineMessages({
  id: {
    week: 'Ringkasan mingguan',
    month: 'Ringkasan bulanan',
    city: 'seluruh kota {city}',
    body:
      '{kind} Pusat Komando {city} untuk {scope}, periode {range}, terlampir (PDF).\n' +
      'Insiden diterima: {received} (dari {reports} laporan warga). Kepatuhan SLA: {sla}. Lewat tenggat di akhir periode: {overdue}.\n' +
      'Buka ringkasan yang sama di Nakhoda: {link}',
    footer: 'Jadwal "{name}" dikirim otomatis oleh Nakhoda.',
  },
  en: {
    week: 'Weekly briefing',
    month: 'Monthly briefing',
    city: 'the whole city of {city}',
    body:
      'The {city} Command Center {kindLower} for {scope}, period {range}, is attached (PDF).\n' +
      'Incidents received: {received} (from {reports} citizen reports). SLA compliance: {sla}. Overdue at the end of the period: {overdue}.\n' +
      'Open the same briefing in Nakhoda: {link}',
    footer: 'Schedule "{name}", sent automatically by Nakhoda.',
  },
});

export interface BriefingMessage {
  subject: string;
  text: string;
  filename: string;
  link: string;
}

/** /briefing showing the period (its days, inclusive) and the schedule's agency. */
export function briefingLink(
  publicUrl: string,
  pack: CityPack,
  s: Pick<BriefingSchedule, 'agency' | 'locale'>,
  from: Date,
  to: Date,
): string {
  const tz = pack.timeZone;
  const q = new URLSearchParams({
    period: 'custom',
    start: formatYmd(zonedDate(from, tz)),
    end: formatYmd(zonedDate(new Date(to.getTime() - 1), tz)),
  });
  if (s.agency) q.set('agency', s.agency);
  q.set('lang', s.locale);
  return `${publicUrl}/briefing?${q.toString()}`;
}

export function briefingMessage(
  pack: CityPack,
  schedule: BriefingSchedule,
  send: Pick<BriefingSend, 'periodFrom' | 'periodTo'>,
  briefing: Briefing,
  publicUrl: string,
): BriefingMessage {
  const from = new Date(send.periodFrom);
  const to = new Date(send.periodTo);
  const link = briefingLink(publicUrl, pack, schedule, from, to);
  const tz = pack.timeZone;
  const say = (locale: Locale) => {
    const m = MESSAGES[locale];
    const city = pack.name[locale];
    const scope = schedule.agency
      ? agencyName(pack, schedule.agency, locale)
      : format(m.city, { city });
    const kind = m[schedule.period];
    const range = formatRange(from, to, tz, locale);
    return {
      subject: `${kind}: ${scope}, ${range}`,
      text: format(m.body, {
        kind,
        kindLower: kind.toLowerCase(),
        city,
        scope,
        range,
        link,
        received: formatKpi('received', briefing.kpis.received, locale),
        reports: formatKpi('reports', briefing.kpis.reports, locale),
        sla: formatKpi('slaCompliancePct', briefing.kpis.slaCompliancePct, locale),
        overdue: formatKpi('overdueAtEnd', briefing.kpis.overdueAtEnd, locale),
      }),
      footer: format(m.footer, { name: schedule.name }),
    };
  };
  const id = say('id');
  const en = say('en');
  const day = formatYmd(zonedDate(from, tz));
  const scopeSlug = (schedule.agency ?? 'kota').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    subject: `[Nakhoda] ${id.subject} / ${en.subject}`,
    text: `${id.text}\n\n${id.footer}\n\n---\n\n${en.text}\n\n${en.footer}\n`,
    filename: `nakhoda-ringkasan-${scopeSlug}-${day}.pdf`,
    link,
  };
}
