/**
 * One condition of a subscription's filter (kinds, agencies, levels or events): "all", or
 * the values ticked. Unticking "all" shows the values; an empty pick is the form's error.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import { ALERT_KINDS, ESCALATION_LEVELS } from '../../../shared/domain/alerts.ts';
import { NOTIFY_EVENTS } from '../../../shared/domain/notify-contract.ts';
import { useLocale, type Locale } from '../../i18n/locale.tsx';
import type { NotifyT } from './notify.messages.ts';
import type { ChoiceForm, FilterKey } from './notify-rules.ts';

/** Each condition's values with their labels, in the order the server lists them. */
export function filterOptions(
  key: FilterKey,
  t: NotifyT,
  pack: CityPack,
  locale: Locale,
): { value: string; label: string }[] {
  switch (key) {
    case 'kinds':
      return ALERT_KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }));
    case 'levels':
      return ESCALATION_LEVELS.map((l) => ({ value: l, label: t(`level_${l}`) }));
    case 'events':
      return NOTIFY_EVENTS.map((e) => ({ value: e, label: t(`event_${e}`) }));
    case 'agencies':
      return pack.agencies.map((a) => ({ value: a.code, label: `${a.short} · ${a.name[locale]}` }));
  }
}

interface FilterPickerProps {
  filterKey: FilterKey;
  value: ChoiceForm;
  onChange: (value: ChoiceForm) => void;
  error?: string | undefined;
  pack: CityPack;
  t: NotifyT;
}

export function FilterPicker({ filterKey, value, onChange, error, pack, t }: FilterPickerProps) {
  const { locale } = useLocale();
  const toggle = (v: string, on: boolean) =>
    onChange({
      all: false,
      picked: on ? [...value.picked, v] : value.picked.filter((p) => p !== v),
    });
  return (
    <fieldset
      className="notify-filter"
      data-invalid={error ? 'true' : undefined}
      data-testid={`notify-filter-${filterKey}`}
    >
      <legend className="admin-field__label">{t(`filter_${filterKey}`)}</legend>
      <label className="admin-check notify-filter__all">
        <input
          type="checkbox"
          name={`${filterKey}-all`}
          checked={value.all}
          onChange={(e) => onChange({ all: e.target.checked, picked: value.picked })}
        />
        {t('all')}
      </label>
      {!value.all && (
        <div className="notify-filter__values">
          {filterOptions(filterKey, t, pack, locale).map((o) => (
            <label key={o.value} className="admin-check">
              <input
                type="checkbox"
                name={`${filterKey}-${o.value}`}
                value={o.value}
                checked={value.picked.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              {o.label}
            </label>
          ))}
        </div>
      )}
      {error && (
        <span className="admin-field__error" data-field-error={`filter.${filterKey}`}>
          {error}
        </span>
      )}
    </fieldset>
  );
}
