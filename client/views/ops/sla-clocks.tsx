/**
 * The incident's two SLA clocks (first response, resolution) from the shared `slaClocks`:
 * state in words and colour, the deadline, and the time left or past it.
 */
import { slaClocks, type Clock } from '../../../shared/domain/sla.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { formatMinutes, useLocale } from '../../i18n/locale.tsx';
import { formatZoned } from './ops-format.ts';
import type { OpsLabels } from './use-ops-labels.ts';
import { useNow } from './use-now.ts';

interface SlaClocksProps {
  incident: Incident;
  timeZone: string;
  labels: OpsLabels;
  serverTimeOffsetMs: number;
}

export function SlaClocks({ incident, timeZone, labels, serverTimeOffsetMs }: SlaClocksProps) {
  const now = useNow(1_000, serverTimeOffsetMs);
  const clocks = slaClocks(incident, new Date(now));
  return (
    <section className="ops-drawer__section" aria-label={labels.t('sla')}>
      <h3 className="ops-drawer__heading">{labels.t('sla')}</h3>
      <div className="ops-clocks">
        <ClockTile name="response" clock={clocks.response} timeZone={timeZone} labels={labels} />
        <ClockTile
          name="resolution"
          clock={clocks.resolution}
          timeZone={timeZone}
          labels={labels}
        />
      </div>
    </section>
  );
}

function ClockTile(props: {
  name: 'response' | 'resolution';
  clock: Clock;
  timeZone: string;
  labels: OpsLabels;
}) {
  const { name, clock, timeZone, labels } = props;
  const { locale } = useLocale();
  const { t } = labels;
  const running = clock.state === 'pending' || clock.state === 'overdue';
  const remaining = formatMinutes(Math.abs(clock.remainingMs) / MINUTE_MS, locale);
  return (
    <div
      className={`ops-clock ops-clock--${clock.state}`}
      data-testid={`sla-${name}`}
      data-state={clock.state}
      data-remaining-ms={clock.remainingMs}
    >
      <span className="ops-clock__name">{t(`sla.${name}`)}</span>
      <span className="ops-clock__state">{t(`clock.${clock.state}`)}</span>
      {running && (
        <span className="ops-clock__remaining">
          {clock.state === 'overdue'
            ? t('overdueBy', { t: remaining })
            : t('left', { t: remaining })}
        </span>
      )}
      <span className="ops-clock__due">
        {clock.stoppedAt
          ? t('stopped', {
              time: formatZoned(clock.stoppedAt, timeZone, locale, { seconds: false }),
            })
          : t('due', { time: formatZoned(clock.dueAt, timeZone, locale, { seconds: false }) })}
      </span>
    </div>
  );
}
