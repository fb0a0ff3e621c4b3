/**
 * The form that adds a scheduled briefing: name, scope (the city or one agency), weekly or
 * monthly, weekday and time (WIB), the PDF's language, and email addresses or a webhook
 * URL. The server checks every field; a refusal is shown beside the field it names.
 */
import { useState, type FormEvent } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { NotifyChannel } from '../../../shared/domain/notify-contract.ts';
import type { ScheduleView } from '../../../shared/domain/schedule-contract.ts';
import type { SchedulePeriod } from '../../../shared/domain/schedule-period.ts';
import type { Locale } from '../../i18n/locale.tsx';
import { Field, Notice, useAdminMessages, type NoticeState } from './admin-ui.tsx';
import { AgencySelect } from './agency-select.tsx';
import { useScheduleMessages } from './briefing-schedules.messages.ts';
import { createSchedule } from './schedules-api.ts';

const EMPTY = {
  name: '',
  agency: '',
  period: 'week' as SchedulePeriod,
  weekday: '1',
  time: '07:00',
  locale: 'id' as Locale,
  channel: 'email' as NotifyChannel,
  url: '',
  emails: '',
};

export function ScheduleForm(props: {
  pack: CityPack;
  onCreated: (schedule: ScheduleView, secret: string | null) => void;
}) {
  const a = useAdminMessages();
  const t = useScheduleMessages();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<NoticeState>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof EMPTY>(k: K, v: (typeof EMPTY)[K]) =>
    setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    const email = form.channel === 'email';
    const res = await createSchedule({
      name: form.name,
      agency: form.agency || null,
      period: form.period,
      time: form.time,
      weekday: form.period === 'week' ? Number(form.weekday) : null,
      locale: form.locale,
      channel: form.channel,
      ...(email
        ? { emails: form.emails.split(/[\s,;]+/).filter(Boolean) }
        : { url: form.url.trim() }),
    });
    setBusy(false);
    if (!res.ok) {
      setErrors(res.fields);
      setNotice({ kind: 'error', text: res.message });
      return;
    }
    setErrors({});
    setForm(EMPTY);
    props.onCreated(res.data.schedule, res.data.secret);
  };

  const fieldError = (name: string) =>
    errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1];

  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="schedule-form">
      <h3 className="admin-form__title">{t('add')}</h3>
      <div className="admin-form__grid">
        <Field label={a('name')} name="name" error={fieldError('name')}>
          <input name="name" value={form.name} onChange={(e) => set('name', e.target.value)} />
        </Field>
        <Field label={t('scope')} name="agency" error={fieldError('agency')}>
          <AgencySelect
            pack={props.pack}
            name="agency"
            value={form.agency}
            onChange={(v) => set('agency', v)}
            placeholder={t('city')}
          />
        </Field>
        <Field label={t('period')} name="period" error={fieldError('period')}>
          <select
            name="period"
            value={form.period}
            onChange={(e) => set('period', e.target.value as SchedulePeriod)}
          >
            <option value="week">{t('period_week')}</option>
            <option value="month">{t('period_month')}</option>
          </select>
        </Field>
        {form.period === 'week' && (
          <Field label={t('weekday')} name="weekday" error={fieldError('weekday')}>
            <select
              name="weekday"
              value={form.weekday}
              onChange={(e) => set('weekday', e.target.value)}
            >
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <option key={d} value={d}>
                  {t(`day${d}` as 'day1')}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t('time')} name="time" error={fieldError('time')}>
          <input
            name="time"
            type="time"
            value={form.time}
            onChange={(e) => set('time', e.target.value)}
          />
        </Field>
        <Field label={t('locale')} name="locale" error={fieldError('locale')}>
          <select
            name="locale"
            value={form.locale}
            onChange={(e) => set('locale', e.target.value as Locale)}
          >
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
        </Field>
        <Field label={t('channel')} name="channel" error={fieldError('channel')}>
          <select
            name="channel"
            value={form.channel}
            onChange={(e) => set('channel', e.target.value as NotifyChannel)}
          >
            <option value="email">Email</option>
            <option value="webhook">Webhook</option>
          </select>
        </Field>
        {form.channel === 'email' ? (
          <Field
            label={t('emails')}
            name="emails"
            error={fieldError('emails')}
            hint={t('emailsHint')}
            wide
          >
            <input
              name="emails"
              value={form.emails}
              onChange={(e) => set('emails', e.target.value)}
            />
          </Field>
        ) : (
          <Field label={t('url')} name="url" error={fieldError('url')} wide>
            <input
              name="url"
              type="url"
              value={form.url}
              onChange={(e) => set('url', e.target.value)}
            />
          </Field>
        )}
      </div>
      <div className="admin-form__actions">
        <button
          type="submit"
          className="admin-button admin-button--primary"
          disabled={busy}
          data-testid="schedule-submit"
        >
          {busy ? a('saving') : a('create')}
        </button>
        <Notice notice={notice} testid="schedule-form-notice" />
      </div>
    </form>
  );
}
