import { describe, expect, it } from 'vitest';
import type { Alert, AlertEventType } from '../../../../shared/domain/alerts.ts';
import { MATCH_EVERYTHING, type NotifyFilter } from '../../../../shared/domain/notify-contract.ts';
import { matchesFilter } from '../../../../server/notify/notify-filter.ts';

type Seen = Pick<Alert, 'kind' | 'agency' | 'level'>;
const breachAtHead: Seen = { kind: 'sla_breached', agency: 'dsda', level: 'head' };
const surge: Seen = { kind: 'surge', agency: null, level: 'desk' };
const only = (f: Partial<NotifyFilter>): NotifyFilter => ({ ...MATCH_EVERYTHING, ...f });

describe('matchesFilter', () => {
  it.each<[string, NotifyFilter, Seen, AlertEventType, boolean]>([
    ['everything hears everything', MATCH_EVERYTHING, surge, 'alert.raised', true],
    ['a listed kind', only({ kinds: ['sla_breached'] }), breachAtHead, 'alert.escalated', true],
    ['an unlisted kind', only({ kinds: ['sla_will_breach'] }), breachAtHead, 'alert.raised', false],
    [
      'a listed agency',
      only({ agencies: ['bina_marga', 'dsda'] }),
      breachAtHead,
      'alert.raised',
      true,
    ],
    ['another agency', only({ agencies: ['bina_marga'] }), breachAtHead, 'alert.raised', false],
    ['no agency against a list', only({ agencies: ['dsda'] }), surge, 'alert.raised', false],
    ['no agency against all', only({ agencies: 'all' }), surge, 'alert.raised', true],
    ['the level the event left', only({ levels: ['head'] }), breachAtHead, 'alert.escalated', true],
    [
      'a level not reached',
      only({ levels: ['supervisor'] }),
      breachAtHead,
      'alert.escalated',
      false,
    ],
    [
      'a listed event',
      only({ events: ['escalated', 'cleared'] }),
      breachAtHead,
      'alert.cleared',
      true,
    ],
    [
      'an unlisted event',
      only({ events: ['escalated'] }),
      breachAtHead,
      'alert.acknowledged',
      false,
    ],
    [
      'every condition at once',
      { kinds: ['sla_breached'], agencies: ['dsda'], levels: ['head'], events: ['escalated'] },
      breachAtHead,
      'alert.escalated',
      true,
    ],
  ])('%s', (_title, filter, alert, type, expected) => {
    expect(matchesFilter(filter, alert, type)).toBe(expected);
  });
});
