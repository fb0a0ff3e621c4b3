/**
 * The wall's top line: product and city, which scene is on (with a bar that fills until
 * the next), the trust indicator, and the WIB clock on the server's time.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import { dateTimeFormat } from '../../../shared/domain/time.ts';
import { LiveIndicator } from '../../components/live-indicator.tsx';
import { zoneLabel } from '../../components/zone-label.ts';
import { formatClock, localName, useLocale, useMessages } from '../../i18n/locale.tsx';
import type { LiveState } from '../../live/live-store.ts';
import { WALL_MESSAGES } from './wall-messages.ts';
import type { SceneName } from './wall-params.ts';

interface WallHeaderProps {
  pack: CityPack;
  state: LiveState;
  scenes: readonly SceneName[];
  scene: SceneName;
  activation: number;
  everySec: number;
  paused: boolean;
  serverNow: number;
}

export function WallHeader(props: WallHeaderProps) {
  const { pack, state, scenes, scene, activation, everySec, paused, serverNow } = props;
  const t = useMessages(WALL_MESSAGES);
  const { locale } = useLocale();
  const date = dateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: pack.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(serverNow);
  return (
    <header className="wall-header">
      <div className="wall-header__brand">
        <span className="wall-header__product">{t('product')}</span>
        <span className="wall-header__room">
          {t('room')} · {localName(pack.name, locale)}
        </span>
      </div>
      <ol className="wall-header__scenes" aria-label="Scenes">
        {scenes.map((s) => (
          <li key={s} className={s === scene ? 'is-current' : ''} data-scene={s}>
            {t(`scene_${s}`)}
            {s === scene && (
              <span
                key={activation}
                className={`wall-header__progress ${paused ? 'is-paused' : ''}`}
                style={{ animationDuration: `${everySec}s` }}
                aria-hidden="true"
              />
            )}
          </li>
        ))}
      </ol>
      <LiveIndicator state={state} timeZone={pack.timeZone} />
      <div className="wall-header__clock">
        <time data-testid="clock" dateTime={new Date(serverNow).toISOString()}>
          {formatClock(new Date(serverNow), pack.timeZone, 'en')} {zoneLabel(pack.timeZone)}
        </time>
        <span className="wall-header__date">{date}</span>
      </div>
    </header>
  );
}
