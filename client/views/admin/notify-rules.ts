/**
 * The notifications form's pure rules: the checks the server makes (caught here first),
 * the request bodies (a change sends only what changed; a webhook's URL only when a new one
 * is typed, since the table shows it redacted), the server's per-item field names folded
 * onto the form's fields, and which delivery may be replayed.
 */
import {
  MAX_EMAILS,
  MAX_NAME,
  MAX_URL,
  type Choice,
  type DeliveryView,
  type NewSubscriptionBody,
  type NotifyChannel,
  type NotifyFilter,
  type SubscriptionChangeBody,
  type SubscriptionView,
} from '../../../shared/domain/notify-contract.ts';

export const FILTER_KEYS = ['kinds', 'agencies', 'levels', 'events'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** One filter condition as the form edits it: every value, or the ones ticked. */
export interface ChoiceForm {
  all: boolean;
  picked: string[];
}

export interface SubscriptionForm {
  name: string;
  channel: NotifyChannel;
  /** When editing a webhook, empty keeps the URL it has. */
  url: string;
  /** Addresses separated by commas, spaces or new lines. */
  emails: string;
  filter: Record<FilterKey, ChoiceForm>;
  enabled: boolean;
}

export const SUBSCRIPTION_FIELDS = [
  'name',
  'channel',
  'url',
  'emails',
  'enabled',
  'filter.kinds',
  'filter.agencies',
  'filter.levels',
  'filter.events',
] as const;
export type SubscriptionField = (typeof SUBSCRIPTION_FIELDS)[number];

export type NotifyProblem =
  | 'nameRequired'
  | 'urlRequired'
  | 'urlFormat'
  | 'urlCredentials'
  | 'emailsRequired'
  | 'emailFormat'
  | 'emailsTooMany'
  | 'pickOne';

const ALL: ChoiceForm = { all: true, picked: [] };

export const EMPTY_SUBSCRIPTION: SubscriptionForm = {
  name: '',
  channel: 'webhook',
  url: '',
  emails: '',
  filter: { kinds: ALL, agencies: ALL, levels: ALL, events: ALL },
  enabled: true,
};

const choiceForm = (c: Choice<string>): ChoiceForm =>
  c === 'all' ? ALL : { all: false, picked: [...c] };

export const choiceOf = (c: ChoiceForm): Choice<string> => (c.all ? 'all' : [...c.picked]);

/** The form filled from a subscription, to edit it; its URL is left empty (kept). */
export function formOf(s: SubscriptionView): SubscriptionForm {
  return {
    name: s.name,
    channel: s.channel,
    url: '',
    emails: (s.emails ?? []).join(', '),
    filter: {
      kinds: choiceForm(s.filter.kinds),
      agencies: choiceForm(s.filter.agencies),
      levels: choiceForm(s.filter.levels),
      events: choiceForm(s.filter.events),
    },
    enabled: s.enabled,
  };
}

export const parseEmails = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function urlProblem(raw: string): NotifyProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'urlFormat';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'urlFormat';
  if (raw.length > MAX_URL) return 'urlFormat';
  return url.username || url.password ? 'urlCredentials' : null;
}

/** `editing`: the subscription being changed (its URL may be left empty), or null. */
export function checkSubscription(
  f: SubscriptionForm,
  editing: SubscriptionView | null,
): Partial<Record<SubscriptionField, NotifyProblem>> {
  const out: Partial<Record<SubscriptionField, NotifyProblem>> = {};
  if (!f.name.trim() || f.name.trim().length > MAX_NAME) out.name = 'nameRequired';
  if (f.channel === 'webhook') {
    const url = f.url.trim();
    if (url === '') {
      if (!editing) out.url = 'urlRequired';
    } else {
      const problem = urlProblem(url);
      if (problem) out.url = problem;
    }
  } else {
    const emails = parseEmails(f.emails);
    if (emails.length === 0) out.emails = 'emailsRequired';
    else if (emails.length > MAX_EMAILS) out.emails = 'emailsTooMany';
    else if (!emails.every((e) => EMAIL.test(e) && e.length <= 254)) out.emails = 'emailFormat';
  }
  for (const key of FILTER_KEYS) {
    const c = f.filter[key];
    if (!c.all && c.picked.length === 0) out[`filter.${key}`] = 'pickOne';
  }
  return out;
}

const filterOf = (f: SubscriptionForm): NotifyFilter =>
  ({
    kinds: choiceOf(f.filter.kinds),
    agencies: choiceOf(f.filter.agencies),
    levels: choiceOf(f.filter.levels),
    events: choiceOf(f.filter.events),
  }) as NotifyFilter;

export function newSubscriptionBody(f: SubscriptionForm): NewSubscriptionBody {
  const common = { name: f.name.trim(), filter: filterOf(f), enabled: f.enabled };
  return f.channel === 'webhook'
    ? { ...common, channel: 'webhook', url: f.url.trim() }
    : { ...common, channel: 'email', emails: parseEmails(f.emails) };
}

const sameChoice = (a: Choice<string>, b: Choice<string>) =>
  a === 'all' || b === 'all'
    ? a === b
    : a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** Only what differs from the subscription as it is; empty when nothing does. */
export function subscriptionChangeBody(
  f: SubscriptionForm,
  before: SubscriptionView,
): SubscriptionChangeBody {
  const out: SubscriptionChangeBody = {};
  const name = f.name.trim();
  if (name !== before.name) out.name = name;
  if (before.channel === 'webhook' && f.url.trim() !== '') out.url = f.url.trim();
  if (before.channel === 'email') {
    const emails = parseEmails(f.emails);
    if (emails.join('\n') !== (before.emails ?? []).join('\n')) out.emails = emails;
  }
  const filter = filterOf(f);
  const changed = FILTER_KEYS.filter((k) => !sameChoice(filter[k], before.filter[k]));
  if (changed.length > 0)
    out.filter = Object.fromEntries(changed.map((k) => [k, filter[k]])) as Partial<NotifyFilter>;
  if (f.enabled !== before.enabled) out.enabled = f.enabled;
  return out;
}

/**
 * The server names a list item's field (`emails.2`, `filter.agencies.1`); the form shows it
 * beside the list (`emails`, `filter.agencies`).
 */
export function groupNotifyErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    const field = key.replace(/\.\d+$/, '');
    out[field] = out[field] ? `${out[field]}; ${message}` : message;
  }
  return out;
}

/** Only a dead delivery is replayed (the server refuses any other with 409). */
export const canReplay = (d: DeliveryView): boolean => d.status === 'dead';
