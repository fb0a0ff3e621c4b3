/**
 * The notifications form's rules: the checks made before sending, the bodies sent (a
 * change carries only what changed; a redacted URL is never sent back), the server's
 * per-item field names folded onto the form's fields, and replay for dead letters only.
 */
import { describe, expect, it } from 'vitest';
import type {
  DeliveryView,
  SubscriptionView,
} from '../../../../../shared/domain/notify-contract.ts';
import {
  canReplay,
  checkSubscription,
  EMPTY_SUBSCRIPTION,
  formOf,
  groupNotifyErrors,
  newSubscriptionBody,
  parseEmails,
  subscriptionChangeBody,
  type SubscriptionForm,
} from '../../../../../client/views/admin/notify-rules.ts';

const hook: SubscriptionView = {
  id: 'sub-1',
  name: 'Chat',
  channel: 'webhook',
  url: 'https://hooks.example/x?key=…',
  emails: null,
  filter: { kinds: ['surge'], agencies: 'all', levels: 'all', events: ['raised', 'cleared'] },
  enabled: true,
  hasSecret: true,
  createdBy: 'admin',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  counts: { delivered: 0, pending: 0, dead: 0, lastDeliveredAt: null },
};
const mail: SubscriptionView = { ...hook, channel: 'email', url: null, emails: ['a@b.id'] };
const webhookForm = (over: Partial<SubscriptionForm> = {}): SubscriptionForm => ({
  ...EMPTY_SUBSCRIPTION,
  name: 'Chat',
  url: 'https://hooks.example/x',
  ...over,
});

describe('checkSubscription', () => {
  it.each<[string, Partial<SubscriptionForm>, Record<string, string>]>([
    ['a good webhook', {}, {}],
    ['no name', { name: '  ' }, { name: 'nameRequired' }],
    ['no URL', { url: '' }, { url: 'urlRequired' }],
    ['an ftp URL', { url: 'ftp://hooks.example/' }, { url: 'urlFormat' }],
    ['not a URL', { url: 'hooks.example' }, { url: 'urlFormat' }],
    ['a password in the URL', { url: 'https://u:p@hooks.example/' }, { url: 'urlCredentials' }],
    ['email, no address', { channel: 'email', emails: ' , ' }, { emails: 'emailsRequired' }],
    ['email, a bad address', { channel: 'email', emails: 'a@b.id x' }, { emails: 'emailFormat' }],
    [
      'a condition with nothing picked',
      { filter: { ...EMPTY_SUBSCRIPTION.filter, agencies: { all: false, picked: [] } } },
      { 'filter.agencies': 'pickOne' },
    ],
  ])('%s', (_title, over, problems) => {
    expect(checkSubscription(webhookForm(over), null)).toEqual(problems);
  });

  it('lets an edited webhook keep its URL by leaving it empty', () => {
    expect(checkSubscription(webhookForm({ url: '' }), hook)).toEqual({});
  });
});

describe('request bodies', () => {
  it('creates a webhook with its URL and an email subscription with its addresses', () => {
    expect(newSubscriptionBody(webhookForm({ name: ' Chat ' }))).toEqual({
      name: 'Chat',
      channel: 'webhook',
      url: 'https://hooks.example/x',
      filter: { kinds: 'all', agencies: 'all', levels: 'all', events: 'all' },
      enabled: true,
    });
    const body = newSubscriptionBody(
      webhookForm({ channel: 'email', emails: 'a@b.id,\nc@d.id ; e@f.id' }),
    );
    expect(body).toMatchObject({ channel: 'email', emails: ['a@b.id', 'c@d.id', 'e@f.id'] });
    expect(body).not.toHaveProperty('url');
  });

  it('sends nothing for an untouched edit, never the redacted URL', () => {
    expect(subscriptionChangeBody(formOf(hook), hook)).toEqual({});
    expect(subscriptionChangeBody(formOf(mail), mail)).toEqual({});
    expect(formOf(hook).url).toBe('');
  });

  it('sends only the fields and filter conditions that changed', () => {
    const f = formOf(hook);
    const changed: SubscriptionForm = {
      ...f,
      url: 'https://hooks.example/new',
      enabled: false,
      filter: {
        ...f.filter,
        events: { all: false, picked: ['cleared', 'raised'] },
        levels: { all: false, picked: ['head'] },
      },
    };
    expect(subscriptionChangeBody(changed, hook)).toEqual({
      url: 'https://hooks.example/new',
      enabled: false,
      filter: { levels: ['head'] },
    });
    expect(subscriptionChangeBody({ ...formOf(mail), emails: 'x@y.id' }, mail)).toEqual({
      emails: ['x@y.id'],
    });
  });
});

describe('the rest', () => {
  it('folds list items onto their field', () => {
    expect(
      groupNotifyErrors({
        'emails.0': 'bad',
        'emails.2': 'worse',
        'filter.agencies.1': 'nope',
        name: 'x',
      }),
    ).toEqual({ emails: 'bad; worse', 'filter.agencies': 'nope', name: 'x' });
  });

  it('splits addresses on commas, semicolons and white space', () => {
    expect(parseEmails(' a@b.id;c@d.id\n\ne@f.id , ')).toEqual(['a@b.id', 'c@d.id', 'e@f.id']);
  });

  it.each([
    ['dead', true],
    ['pending', false],
    ['delivered', false],
  ] as const)('replays a %s delivery: %s', (status, yes) => {
    expect(canReplay({ status } as DeliveryView)).toBe(yes);
  });
});
