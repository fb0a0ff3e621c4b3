/**
 * What this deployment asks of field photos (GET /api/v1/field/settings): whether closing
 * needs the photo proof, its radius, the largest photo accepted. Asked once per page load
 * and shared by every component that wants it (/ops's drawer, /field); a failed answer is
 * not kept, so the next mount asks again. Null until the server has answered.
 */
import { useEffect, useState } from 'react';
import type { FieldSettings } from '../../shared/domain/field-proof.ts';
import { apiRequest } from '../auth/api-request.ts';

let pending: Promise<FieldSettings | null> | null = null;

/** The shared answer; `fresh` asks again. */
export function loadFieldSettings(fresh = false): Promise<FieldSettings | null> {
  if (fresh || !pending) {
    const asked = apiRequest<FieldSettings>('/api/v1/field/settings').then((res) =>
      res.ok ? res.data : null,
    );
    pending = asked;
    asked.then((s) => {
      if (s === null && pending === asked) pending = null;
    });
  }
  return pending;
}

export function useFieldSettings(): FieldSettings | null {
  const [settings, setSettings] = useState<FieldSettings | null>(null);
  useEffect(() => {
    let live = true;
    loadFieldSettings().then((s) => {
      if (live) setSettings(s);
    });
    return () => {
      live = false;
    };
  }, []);
  return settings;
}
