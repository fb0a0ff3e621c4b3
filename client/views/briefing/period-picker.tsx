/**
 * Period and filters. Presets apply at once; a custom range applies with its button, so
 * half-typed dates do not fire requests. Areas are the pack's kota and kecamatan, by
 * their official names; categories and agencies in the reader's language.
 */
import { useState, type FormEvent } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { dateTimeFormat, formatYmd, zonedDate } from '../../../shared/domain/time.ts';
import { localName, useLocale, useMessages } from '../../i18n/locale.tsx';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';
import type { BriefingParams } from './briefing-url.ts';
import { PERIOD_PRESETS, recentMonths, type PeriodPreset } from './period.ts';

interface PeriodPickerProps {
  pack: CityPack;
  params: BriefingParams;
  now: Date;
  onChange: (next: BriefingParams) => void;
}

export function PeriodPicker({ pack, params, now, onChange }: PeriodPickerProps) {
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale } = useLocale();
  const tz = pack.timeZone;
  const months = recentMonths(now, tz);
  const today = formatYmd(zonedDate(now, tz));
  const [start, setStart] = useState(params.period.start ?? today);
  const [end, setEnd] = useState(params.period.end ?? today);
  const monthLabel = (ym: string) =>
    dateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${ym}-15T00:00:00Z`));

  const choose = (preset: PeriodPreset) => {
    if (preset === 'custom') return onChange({ ...params, period: { preset, start, end } });
    if (preset === 'month')
      return onChange({ ...params, period: { preset, month: params.period.month ?? months[0] } });
    onChange({ ...params, period: { preset } });
  };
  const applyCustom = (e: FormEvent) => {
    e.preventDefault();
    onChange({ ...params, period: { preset: 'custom', start, end } });
  };
  const filter = (key: 'area' | 'category' | 'agency', value: string) =>
    onChange({ ...params, [key]: value || null });

  return (
    <form className="briefing-picker" onSubmit={applyCustom} aria-label={t('period')}>
      <fieldset className="briefing-picker__presets">
        <legend className="briefing-picker__legend">{t('period')}</legend>
        {PERIOD_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className="briefing-chip"
            aria-pressed={params.period.preset === p}
            data-testid={`briefing-preset-${p}`}
            onClick={() => choose(p)}
          >
            {t(`preset.${p}`)}
          </button>
        ))}
      </fieldset>
      {params.period.preset === 'month' && (
        <label className="briefing-field">
          <span>{t('preset.month')}</span>
          <select
            value={params.period.month ?? months[0]}
            data-testid="briefing-month"
            onChange={(e) =>
              onChange({ ...params, period: { preset: 'month', month: e.target.value } })
            }
          >
            {months.map((m) => (
              <option key={m} value={m}>
                {monthLabel(m)}
              </option>
            ))}
          </select>
        </label>
      )}
      {params.period.preset === 'custom' && (
        <div className="briefing-picker__custom">
          <label className="briefing-field">
            <span>{t('from')}</span>
            <input
              type="date"
              value={start}
              max={today}
              onChange={(e) => setStart(e.target.value)}
            />
          </label>
          <label className="briefing-field">
            <span>{t('to')}</span>
            <input type="date" value={end} max={today} onChange={(e) => setEnd(e.target.value)} />
          </label>
          <button type="submit" className="briefing-button">
            {t('apply')}
          </button>
        </div>
      )}
      <label className="briefing-field">
        <span>{t('area')}</span>
        <select
          value={params.area ?? ''}
          data-testid="briefing-area"
          onChange={(e) => filter('area', e.target.value)}
        >
          <option value="">{t('allAreas')}</option>
          {pack.admin.kota.map((kota) => (
            <optgroup key={kota.code} label={kota.name}>
              <option value={kota.code}>{kota.name}</option>
              {pack.admin.kecamatan
                .filter((k) => k.parent === kota.code)
                .map((k) => (
                  <option key={k.code} value={k.code}>
                    {`— ${k.name}`}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="briefing-field">
        <span>{t('category')}</span>
        <select
          value={params.category ?? ''}
          data-testid="briefing-category"
          onChange={(e) => filter('category', e.target.value)}
        >
          <option value="">{t('allCategories')}</option>
          {pack.categories.map((c) => (
            <option key={c.code} value={c.code}>
              {localName(c.name, locale)}
            </option>
          ))}
        </select>
      </label>
      <label className="briefing-field">
        <span>{t('agency')}</span>
        <select
          value={params.agency ?? ''}
          data-testid="briefing-agency"
          onChange={(e) => filter('agency', e.target.value)}
        >
          <option value="">{t('allAgencies')}</option>
          {pack.agencies.map((a) => (
            <option key={a.code} value={a.code}>
              {localName(a.name, locale)}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
