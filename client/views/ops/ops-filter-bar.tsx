/**
 * The filter bar: category, agency, status, channel, area (kota → kecamatan → kelurahan),
 * report time window and free-text search. It only edits the filters; the page applies
 * them to the list and the map alike.
 */
import type { RefObject } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { Source, Status } from '../../../shared/domain/types.ts';
import { SOURCES } from '../../../shared/domain/types.ts';
import { MultiSelect } from './multi-select.tsx';
import {
  activeFilterCount,
  EMPTY_FILTERS,
  MAX_QUERY_LENGTH,
  TIME_WINDOWS,
  type OpsFilters,
} from './ops-filters.ts';
import type { OpsLabels } from './use-ops-labels.ts';

interface OpsFilterBarProps {
  pack: CityPack;
  filters: OpsFilters;
  onChange: (update: (f: OpsFilters) => OpsFilters) => void;
  labels: OpsLabels;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function OpsFilterBar({ pack, filters, onChange, labels, searchRef }: OpsFilterBarProps) {
  const { t } = labels;
  const set = <K extends keyof OpsFilters>(key: K, value: OpsFilters[K]) =>
    onChange((f) => ({ ...f, [key]: value }));
  const common = { allLabel: t('allOption'), countLabel: (n: number) => t('nSelected', { n }) };
  const kecamatan = pack.admin.kecamatan.filter((k) => k.parent === filters.kota);
  const kelurahan = pack.admin.kelurahan.filter((k) => k.parent === filters.kecamatan);

  return (
    <div className="ops-filters" role="search" data-testid="ops-filters">
      <label className="ops-search">
        <span className="ops-field__label">{t('searchLabel')}</span>
        <input
          ref={searchRef}
          type="search"
          className="ops-search__input"
          data-testid="filter-q"
          value={filters.q}
          maxLength={MAX_QUERY_LENGTH}
          placeholder={t('search')}
          onChange={(e) => set('q', e.target.value)}
        />
      </label>
      <MultiSelect
        {...common}
        label={t('category')}
        testId="filter-category"
        options={pack.categories.map((c) => ({ value: c.code, label: labels.category(c.code) }))}
        selected={filters.categories}
        onChange={(v) => set('categories', v)}
      />
      <MultiSelect
        {...common}
        label={t('agency')}
        testId="filter-agency"
        options={pack.agencies.map((a) => ({ value: a.code, label: a.short }))}
        selected={filters.agencies}
        onChange={(v) => set('agencies', v)}
      />
      <MultiSelect<Status>
        {...common}
        label={t('status')}
        testId="filter-status"
        options={pack.statuses.map((s) => ({ value: s.code, label: labels.status(s.code) }))}
        selected={filters.statuses}
        onChange={(v) => set('statuses', v)}
      />
      <MultiSelect<Source>
        {...common}
        label={t('source')}
        testId="filter-source"
        options={SOURCES.map((s) => ({ value: s, label: labels.source(s) }))}
        selected={filters.sources}
        onChange={(v) => set('sources', v)}
      />
      <AreaSelect
        label={t('kota')}
        testId="filter-kota"
        all={t('allOption')}
        units={pack.admin.kota}
        value={filters.kota}
        onChange={(kota) => onChange((f) => ({ ...f, kota, kecamatan: null, kelurahan: null }))}
      />
      <AreaSelect
        label={t('kecamatan')}
        testId="filter-kecamatan"
        all={t('allOption')}
        units={kecamatan}
        value={filters.kecamatan}
        disabled={filters.kota === null}
        onChange={(kec) => onChange((f) => ({ ...f, kecamatan: kec, kelurahan: null }))}
      />
      <AreaSelect
        label={t('kelurahan')}
        testId="filter-kelurahan"
        all={t('allOption')}
        units={kelurahan}
        value={filters.kelurahan}
        disabled={filters.kecamatan === null}
        onChange={(kel) => set('kelurahan', kel)}
      />
      <div className="ops-window" role="group" aria-label={t('timeWindow')}>
        <span className="ops-field__label">{t('timeWindow')}</span>
        <div className="ops-window__buttons">
          {TIME_WINDOWS.map((w) => (
            <button
              key={w}
              type="button"
              className="ops-window__button"
              data-testid={`filter-window-${w}`}
              aria-pressed={filters.window === w}
              onClick={() => set('window', w)}
            >
              {t(`window.${w}`)}
            </button>
          ))}
        </div>
      </div>
      <button
        type="button"
        className="ops-filters__clear"
        data-testid="filter-clear"
        disabled={activeFilterCount(filters) === 0}
        onClick={() => onChange(() => EMPTY_FILTERS)}
      >
        {t('clearFilters')}
      </button>
    </div>
  );
}

interface AreaSelectProps {
  label: string;
  testId: string;
  all: string;
  units: { code: string; name: string }[];
  value: string | null;
  disabled?: boolean;
  onChange: (code: string | null) => void;
}

function AreaSelect({ label, testId, all, units, value, disabled, onChange }: AreaSelectProps) {
  return (
    <label className="ops-area">
      <span className="ops-field__label">{label}</span>
      <select
        className="ops-select"
        data-testid={testId}
        value={value ?? ''}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">{all}</option>
        {units.map((u) => (
          <option key={u.code} value={u.code}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}
