/**
 * The league tables: agencies, and kelurahan or kecamatan, with the minimum count that
 * earns a rank (shown and adjustable) and the overdue list of the row last clicked.
 */
import { useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { Briefing } from '../../../shared/domain/briefing.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { useLocale, useMessages } from '../../i18n/locale.tsx';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';
import type { BriefingParams, LeagueLevel } from './briefing-url.ts';
import { LeagueTable } from './league-table.tsx';
import { agencyName, kecamatanLabel, kelurahanLabel } from './names.ts';
import { OverduePanel } from './overdue-panel.tsx';
import type { UnitRef } from './overdue.ts';
import type { Loaded } from './use-briefing-data.ts';

interface LeagueSectionProps {
  pack: CityPack;
  briefing: Briefing;
  params: BriefingParams;
  open: Loaded<Incident[]>;
  overdueAt: Date;
  onChange: (next: BriefingParams) => void;
}

export function LeagueSection({
  pack,
  briefing,
  params,
  open,
  overdueAt,
  onChange,
}: LeagueSectionProps) {
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale } = useLocale();
  const [unit, setUnit] = useState<UnitRef | null>(null);
  const [minDraft, setMinDraft] = useState(String(params.minCount));
  const level: LeagueLevel = params.league;
  const areaRows = level === 'kelurahan' ? briefing.kelurahan : briefing.kecamatan;
  const areaName = (key: string) =>
    level === 'kelurahan' ? kelurahanLabel(pack, key) : kecamatanLabel(pack, key);
  const nameOfUnit = (u: UnitRef) =>
    u.kind === 'agency' ? agencyName(pack, u.key, locale) : areaName(u.key);

  const commitMin = () => {
    const n = Number(minDraft);
    if (Number.isInteger(n) && n >= 1 && n <= 1000 && n !== params.minCount)
      onChange({ ...params, minCount: n });
    else setMinDraft(String(params.minCount));
  };

  const levelToggle = (
    <div className="briefing-toggle" role="group" aria-label={t('areas')}>
      {(['kelurahan', 'kecamatan'] as const).map((l) => (
        <button
          key={l}
          type="button"
          className="briefing-chip"
          aria-pressed={level === l}
          data-testid={`briefing-level-${l}`}
          onClick={() => {
            setUnit(null);
            onChange({ ...params, league: l });
          }}
        >
          {t(`level.${l}`)}
        </button>
      ))}
    </div>
  );

  return (
    <section className="briefing-section" aria-labelledby="briefing-leagues-title">
      <header className="briefing-section__head">
        <h2 id="briefing-leagues-title">
          {t('agencies')} · {t('areas')}
        </h2>
        <label className="briefing-field briefing-field--inline">
          <span>{t('minCount')}</span>
          <input
            type="number"
            min={1}
            max={1000}
            value={minDraft}
            data-testid="briefing-min-count"
            data-value={params.minCount}
            onChange={(e) => setMinDraft(e.target.value)}
            onBlur={commitMin}
            onKeyDown={(e) => e.key === 'Enter' && commitMin()}
          />
        </label>
      </header>
      <p className="briefing-note">{t('rankedBy')}</p>
      <div className="briefing-leagues">
        <LeagueTable
          id="agencies"
          title={t('agencies')}
          rows={briefing.agencies}
          minCount={briefing.minCount}
          nameOf={(k) => agencyName(pack, k, locale)}
          selectedKey={unit?.kind === 'agency' ? unit.key : null}
          onSelect={(key) => setUnit({ kind: 'agency', key })}
        />
        <LeagueTable
          id="areas"
          title={t(`level.${level}`)}
          rows={areaRows}
          minCount={briefing.minCount}
          nameOf={areaName}
          selectedKey={unit && unit.kind !== 'agency' ? unit.key : null}
          onSelect={(key) => setUnit({ kind: level, key })}
          controls={levelToggle}
        />
      </div>
      {unit && (
        <OverduePanel
          pack={pack}
          unit={unit}
          name={nameOfUnit(unit)}
          open={open}
          at={overdueAt}
          onClose={() => setUnit(null)}
        />
      )}
    </section>
  );
}
