/**
 * The scheduled briefings part of the admin page, beside the notifications: the form to
 * add a schedule, a webhook's signing secret shown once, and the schedules with when each
 * is sent, where to, its last send (delivered or failed, when, how big), and actions:
 * send now for a date's week or month, enable or disable, delete.
 */
import { useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { ScheduleView } from '../../../shared/domain/schedule-contract.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { adminTime } from './admin-time.ts';
import { Notice, useAdminMessages, type NoticeState } from './admin-ui.tsx';
import { useScheduleMessages } from './briefing-schedules.messages.ts';
import { ListProblem } from './list-problem.tsx';
import { OneTimeSecret } from './one-time-secret.tsx';
import { ScheduleForm } from './schedule-form.tsx';
import { deleteSchedule, listSchedules, sendNow, updateSchedule } from './schedules-api.ts';
import { useAdminList } from './use-admin-list.ts';

const loadSchedules = async (signal: AbortSignal) => {
  const res = await listSchedules(signal);
  return res.ok ? { ...res, data: res.data.schedules } : res;
};

/** A day in the last week or month that has surely ended, on the city's calendar. */
const pastDay = (period: ScheduleView['period'], timeZone: string) =>
  new Date(Date.now() - (period === 'week' ? 7 : 31) * 86_400_000).toLocaleDateString('en-CA', {
    timeZone,
  });

function ScheduleRow(props: {
  s: ScheduleView;
  pack: CityPack;
  onChanged: (s: ScheduleView) => void;
  onDeleted: (s: ScheduleView) => void;
  onNotice: (n: NoticeState) => void;
}) {
  const { s, pack } = props;
  const t = useScheduleMessages();
  const { locale } = useLocale();
  const [date, setDate] = useState(() => pastDay(s.period, pack.timeZone));
  const [busy, setBusy] = useState(false);
  const agency = s.agency ? pack.agencies.find((x) => x.code === s.agency) : null;
  const last = s.lastSend;
  const act = async (job: () => Promise<void>) => {
    setBusy(true);
    await job();
    setBusy(false);
  };
  return (
    <tr data-testid="schedule-row" data-id={s.id}>
      <td>
        {s.name}
        <br />
        <small>{s.enabled ? t('enabled') : t('disabled')}</small>
      </td>
      <td>{agency ? agency.short : t('city')}</td>
      <td>
        {t(`period_${s.period}`)} ·{' '}
        {s.period === 'week'
          ? t('weekly', { day: t(`day${s.weekday ?? 1}` as 'day1'), time: s.time })
          : t('monthly', { time: s.time })}{' '}
        · {s.locale.toUpperCase()}
      </td>
      <td className="admin-table__wrapcell">
        {s.channel === 'email' ? s.emails?.join(', ') : s.url}
      </td>
      <td data-testid="schedule-last-send" data-status={last?.status ?? 'none'}>
        {last ? (
          <>
            {t(`status_${last.status}`)} ·{' '}
            {adminTime(last.deliveredAt ?? last.createdAt, pack.timeZone, locale)}
            {last.sizeBytes !== null && (
              <> · {t('size', { kb: Math.round(last.sizeBytes / 1024) })}</>
            )}
            {last.lastError && (
              <>
                <br />
                <small>{last.lastError}</small>
              </>
            )}
          </>
        ) : (
          t('never')
        )}
      </td>
      <td className="admin-table__actions">
        <input
          type="date"
          aria-label={t('sendDate')}
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
        <button
          type="button"
          className="admin-button"
          disabled={busy}
          data-testid="schedule-send-now"
          onClick={() =>
            void act(async () => {
              const res = await sendNow(s.id, date);
              if (!res.ok) return props.onNotice({ kind: 'error', text: res.message });
              const sent = res.data.send;
              props.onChanged({ ...s, lastSend: sent });
              props.onNotice(
                sent.status === 'delivered'
                  ? { kind: 'ok', text: t('sent', { name: s.name }) }
                  : {
                      kind: 'error',
                      text: t('sendFailed', { name: s.name, error: sent.lastError ?? '' }),
                    },
              );
            })
          }
        >
          {t('sendNow')}
        </button>
        <button
          type="button"
          className="admin-button"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              const res = await updateSchedule(s.id, { enabled: !s.enabled });
              if (res.ok) props.onChanged({ ...res.data.schedule, lastSend: s.lastSend });
              else props.onNotice({ kind: 'error', text: res.message });
            })
          }
        >
          {s.enabled ? t('disable') : t('enable')}
        </button>
        <button
          type="button"
          className="admin-button admin-button--danger"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              const res = await deleteSchedule(s.id);
              if (res.ok) props.onDeleted(s);
              else props.onNotice({ kind: 'error', text: res.message });
            })
          }
        >
          {t('delete')}
        </button>
      </td>
    </tr>
  );
}

export function BriefingSchedulesSection({ pack }: { pack: CityPack }) {
  const a = useAdminMessages();
  const t = useScheduleMessages();
  const { state, retry, upsert, remove } = useAdminList<ScheduleView>(loadSchedules);
  const [fresh, setFresh] = useState<{ name: string; secret: string } | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);

  return (
    <section
      className="admin-section"
      aria-labelledby="admin-briefing-schedules"
      data-testid="admin-briefing-schedules"
    >
      <h2 id="admin-briefing-schedules" className="admin-section__title">
        {t('title')}
        {state.status === 'ready' && (
          <span className="admin-section__count">{state.items.length}</span>
        )}
      </h2>
      <p className="admin-field__hint notify-intro">{t('hint')}</p>
      <ScheduleForm
        pack={pack}
        onCreated={(schedule, secret) => {
          upsert(schedule);
          setFresh(secret ? { name: schedule.name, secret } : null);
          setNotice({ kind: 'ok', text: t('created', { name: schedule.name }) });
        }}
      />
      {fresh && (
        <OneTimeSecret
          title={t('secretTitle', { name: fresh.name })}
          warning={t('secretWarning')}
          label={`${fresh.name} · secret`}
          secret={fresh.secret}
          dismissLabel={t('dismiss')}
          onDismiss={() => setFresh(null)}
          testid="schedule-secret"
        />
      )}
      <Notice notice={notice} testid="schedule-notice" />
      {state.status !== 'ready' ? (
        <ListProblem state={state} retry={retry} />
      ) : state.items.length === 0 ? (
        <p className="admin-empty">{t('none')}</p>
      ) : (
        <div className="admin-table__wrap">
          <table className="admin-table" data-testid="schedules-table">
            <thead>
              <tr>
                <th scope="col">{a('name')}</th>
                <th scope="col">{t('scope')}</th>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('target')}</th>
                <th scope="col">{t('lastSend')}</th>
                <th scope="col">{a('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((s) => (
                <ScheduleRow
                  key={s.id}
                  s={s}
                  pack={pack}
                  onChanged={upsert}
                  onDeleted={(gone) => {
                    remove(gone.id);
                    setNotice({ kind: 'ok', text: t('deleted', { name: gone.name }) });
                  }}
                  onNotice={setNotice}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
