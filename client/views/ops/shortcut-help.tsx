/** The keyboard shortcut overlay (opened with ?), listing each key and what it does. */
import { SHORTCUT_ACTIONS, SHORTCUT_KEYS } from './ops-shortcuts.ts';
import type { OpsLabels } from './use-ops-labels.ts';
import './shortcut-help.css';

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' };

export function ShortcutHelp({ labels, onClose }: { labels: OpsLabels; onClose: () => void }) {
  const { t } = labels;
  return (
    <div
      className="ops-help"
      role="dialog"
      aria-modal="true"
      aria-label={t('help')}
      data-testid="ops-shortcut-help"
      onClick={onClose}
    >
      <div className="ops-help__panel" onClick={(e) => e.stopPropagation()}>
        <header className="ops-help__header">
          <h2>{t('help')}</h2>
          <button
            type="button"
            className="ops-drawer__close"
            aria-label={t('close')}
            onClick={onClose}
          >
            ×
          </button>
        </header>
        <dl className="ops-help__list">
          {SHORTCUT_ACTIONS.map((action) => (
            <div key={action} className="ops-help__row">
              <dt>
                {SHORTCUT_KEYS[action].map((k) => (
                  <kbd key={k}>{KEY_NAMES[k] ?? k}</kbd>
                ))}
              </dt>
              <dd>{t(`key.${action}`)}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
