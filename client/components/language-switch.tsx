/** Bahasa Indonesia / English switch: two pressed-state buttons, so it reads without colour. */
import { LOCALES, useLocale, type Locale } from '../i18n/locale.tsx';
import './language-switch.css';

const LABELS: Record<Locale, { short: string; name: string }> = {
  id: { short: 'ID', name: 'Bahasa Indonesia' },
  en: { short: 'EN', name: 'English' },
};

export function LanguageSwitch({ className = '' }: { className?: string }) {
  const { locale, setLocale } = useLocale();
  return (
    <div
      className={`language-switch ${className}`}
      role="group"
      aria-label="Bahasa · Language"
      data-testid="language-switch"
    >
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          className="language-switch__option"
          aria-pressed={locale === l}
          title={LABELS[l].name}
          lang={l}
          onClick={() => setLocale(l)}
        >
          {LABELS[l].short}
        </button>
      ))}
    </div>
  );
}
