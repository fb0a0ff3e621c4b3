/** A select of the city pack's agencies, by name in the current language. */
import type { CityPack } from '../../../shared/city/types.ts';
import { useLocale } from '../../i18n/locale.tsx';

interface AgencySelectProps {
  pack: CityPack;
  name: string;
  value: string;
  onChange: (code: string) => void;
  placeholder: string;
  invalid?: boolean;
}

export function AgencySelect({
  pack,
  name,
  value,
  onChange,
  placeholder,
  invalid,
}: AgencySelectProps) {
  const { locale } = useLocale();
  return (
    <select
      name={name}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid ? true : undefined}
    >
      <option value="">{placeholder}</option>
      {pack.agencies.map((a) => (
        <option key={a.code} value={a.code}>
          {a.short} · {a.name[locale]}
        </option>
      ))}
    </select>
  );
}
