/**
 * The "add a connector" form: where the remote Open311 server is, its key (sent once,
 * never shown back: the field is emptied after creating), which remote services become
 * which of the city's categories, and how often to pull. The created connector goes up
 * to the section.
 */
import { useState, type FormEvent } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { createConnector, type AdminConnector } from './admin-api.ts';
import { splitFieldErrors } from './admin-forms.ts';
import { Field, Notice, useAdminMessages, type NoticeState } from './admin-ui.tsx';
import {
  checkConnector,
  CONNECTOR_FIELDS,
  EMPTY_CONNECTOR,
  groupServiceErrors,
  MAX_POLL_SECONDS,
  MIN_POLL_SECONDS,
  newConnectorBody,
  type ConnectorField,
  type ConnectorForm as Form,
  type ServiceRow,
} from './connector-rules.ts';

interface CategorySelectProps {
  pack: CityPack;
  name: string;
  value: string;
  onChange: (code: string) => void;
  placeholder: string;
  label?: string;
  invalid?: boolean;
}

function CategorySelect({
  pack,
  name,
  value,
  onChange,
  placeholder,
  label,
  invalid,
}: CategorySelectProps) {
  const { locale } = useLocale();
  return (
    <select
      name={name}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={label}
      aria-invalid={invalid ? true : undefined}
    >
      <option value="">{placeholder}</option>
      {pack.categories.map((c) => (
        <option key={c.code} value={c.code}>
          {c.name[locale]} ({c.code})
        </option>
      ))}
    </select>
  );
}

interface ConnectorFormProps {
  pack: CityPack;
  onCreated: (connector: AdminConnector) => void;
}

export function ConnectorForm({ pack, onCreated }: ConnectorFormProps) {
  const t = useAdminMessages();
  const [form, setForm] = useState<Form>(EMPTY_CONNECTOR);
  const [errors, setErrors] = useState<Partial<Record<ConnectorField, string>>>({});
  const [notice, setNotice] = useState<NoticeState>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const setRow = (at: number, change: Partial<ServiceRow>) =>
    set(
      'serviceRows',
      form.serviceRows.map((r, n) => (n === at ? { ...r, ...change } : r)),
    );

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setNotice(null);
    const local: Partial<Record<ConnectorField, string>> = {};
    for (const [k, m] of Object.entries(checkConnector(form))) local[k as ConnectorField] = t(m);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    const res = await createConnector(newConnectorBody(form));
    setBusy(false);
    if (!res.ok) {
      const split = splitFieldErrors(
        { ...res, fields: groupServiceErrors(res.fields) },
        CONNECTOR_FIELDS,
      );
      setErrors(split.fields);
      setNotice({ kind: 'error', text: split.general ?? t('fixFields') });
      return;
    }
    setForm(EMPTY_CONNECTOR);
    setErrors({});
    onCreated(res.data.connector);
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="connector-create-form">
      <h3 className="admin-form__title">{t('newConnector')}</h3>
      <div className="admin-form__grid">
        <Field label={t('name')} name="name" error={errors.name}>
          <input
            name="name"
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
            placeholder={t('connectorNamePlaceholder')}
            maxLength={80}
            autoComplete="off"
            aria-invalid={errors.name ? true : undefined}
          />
        </Field>
        <Field
          label={t('endpoint')}
          name="endpoint"
          error={errors.endpoint}
          hint={t('endpointHint')}
          wide
        >
          <input
            name="endpoint"
            type="url"
            value={form.endpoint}
            onChange={(e) => set('endpoint', e.target.value)}
            placeholder={t('endpointPlaceholder')}
            maxLength={500}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.endpoint ? true : undefined}
          />
        </Field>
        <Field
          label={t('jurisdiction')}
          name="jurisdictionId"
          error={errors.jurisdictionId}
          hint={t('optional')}
        >
          <input
            name="jurisdictionId"
            value={form.jurisdictionId}
            onChange={(e) => set('jurisdictionId', e.target.value)}
            maxLength={64}
            autoComplete="off"
            aria-invalid={errors.jurisdictionId ? true : undefined}
          />
        </Field>
        <Field label={t('apiKey')} name="apiKey" error={errors.apiKey} hint={t('apiKeyHint')}>
          <input
            name="apiKey"
            type="password"
            value={form.apiKey}
            onChange={(e) => set('apiKey', e.target.value)}
            maxLength={512}
            // Not the admin's own password: browsers must not offer to fill or save it.
            autoComplete="new-password"
            aria-invalid={errors.apiKey ? true : undefined}
          />
        </Field>
        <Field
          label={t('defaultCategory')}
          name="defaultCategory"
          error={errors.defaultCategory}
          hint={t('defaultCategoryHint')}
        >
          <CategorySelect
            pack={pack}
            name="defaultCategory"
            value={form.defaultCategory}
            onChange={(v) => set('defaultCategory', v)}
            placeholder={t('noDefaultCategory')}
            invalid={Boolean(errors.defaultCategory)}
          />
        </Field>
        <Field label={t('pollSeconds')} name="pollSeconds" error={errors.pollSeconds}>
          <input
            name="pollSeconds"
            type="number"
            inputMode="numeric"
            min={MIN_POLL_SECONDS}
            max={MAX_POLL_SECONDS}
            step={1}
            value={form.pollSeconds}
            onChange={(e) => set('pollSeconds', e.target.value)}
            aria-invalid={errors.pollSeconds ? true : undefined}
          />
        </Field>
        <Field label={t('pulling')} name="enabled" error={errors.enabled}>
          <span className="admin-check">
            <input
              name="enabled"
              type="checkbox"
              checked={form.enabled}
              onChange={(e) => set('enabled', e.target.checked)}
            />
            {t('enabledLabel')}
          </span>
        </Field>
      </div>
      <fieldset
        className="admin-service-map"
        data-invalid={errors.serviceMap ? 'true' : undefined}
        data-testid="connector-service-map"
      >
        <legend className="admin-field__label">{t('serviceMap')}</legend>
        {form.serviceRows.map((row, n) => (
          <div className="admin-service-map__row" key={n}>
            <input
              name={`service-${n}`}
              value={row.service}
              onChange={(e) => setRow(n, { service: e.target.value })}
              placeholder={t('serviceCode')}
              aria-label={t('serviceCode')}
              maxLength={64}
              autoComplete="off"
              spellCheck={false}
            />
            <span className="admin-service-map__arrow" aria-hidden="true">
              →
            </span>
            <CategorySelect
              pack={pack}
              name={`category-${n}`}
              value={row.category}
              onChange={(v) => setRow(n, { category: v })}
              placeholder={t('chooseCategory')}
              label={t('category')}
            />
            <button
              type="button"
              className="admin-button"
              onClick={() =>
                set(
                  'serviceRows',
                  form.serviceRows.filter((_, m) => m !== n),
                )
              }
              aria-label={t('removeService')}
              title={t('removeService')}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="admin-button"
          onClick={() => set('serviceRows', [...form.serviceRows, { service: '', category: '' }])}
          data-testid="connector-add-service"
        >
          {t('addService')}
        </button>
        {errors.serviceMap && (
          <span className="admin-field__error" data-field-error="serviceMap">
            {errors.serviceMap}
          </span>
        )}
      </fieldset>
      <div className="admin-form__actions">
        <button
          type="submit"
          className="admin-button admin-button--primary"
          disabled={busy}
          data-testid="connector-create-submit"
        >
          {busy ? t('creating') : t('create')}
        </button>
        <Notice notice={notice} testid="connector-create-notice" />
      </div>
    </form>
  );
}
