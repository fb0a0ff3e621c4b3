/**
 * The briefing's title bar: what and when (the period in the city's zone), the language,
 * a refresh for periods still running, and "copy link", which hands over the address
 * that reopens this very briefing (it carries no token).
 */
import { useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { LOCALES, useLocale, useMessages } from '../../i18n/locale.tsx';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';

interface BriefingHeaderProps {
  pack: CityPack;
  periodLabel: string;
  onRefresh: () => void;
}

export function BriefingHeader({ pack, periodLabel, onRefresh }: BriefingHeaderProps) {
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale, setLocale } = useLocale();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle');

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopy('copied');
    } catch {
      // No clipboard permission (or an insecure origin): show the link to copy by hand.
      setCopy('manual');
    }
  };

  return (
    <header className="briefing-header">
      <div className="briefing-header__title">
        <span className="briefing-header__product">Nakhoda</span>
        <h1>
          {t('title')} · {pack.name[locale]}
        </h1>
        <p className="briefing-header__period" data-testid="briefing-period-label">
          {periodLabel}
        </p>
      </div>
      <div className="briefing-header__actions">
        <button type="button" className="briefing-button" onClick={onRefresh}>
          {t('refresh')}
        </button>
        <button
          type="button"
          className="briefing-button"
          onClick={() => void copyLink()}
          data-testid="briefing-copy-link"
        >
          {copy === 'copied' ? t('copied') : t('copyLink')}
        </button>
        <div className="briefing-toggle" role="group" aria-label={t('language')}>
          {LOCALES.map((l) => (
            <button
              key={l}
              type="button"
              className="briefing-chip"
              aria-pressed={locale === l}
              onClick={() => setLocale(l)}
              lang={l}
            >
              {l === 'id' ? 'Bahasa Indonesia' : 'English'}
            </button>
          ))}
        </div>
      </div>
      {copy === 'manual' && (
        <label className="briefing-header__link">
          <span>{t('copyFallback')}</span>
          <input
            readOnly
            value={window.location.href}
            onFocus={(e) => e.target.select()}
            autoFocus
          />
        </label>
      )}
    </header>
  );
}
