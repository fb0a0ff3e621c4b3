/** The replay's alert list, Indonesian first: the analyst's alerts as they stood then. */
import { defineMessages } from '../../i18n/locale.tsx';

export const REPLAY_ALERT_MESSAGES = defineMessages({
  id: {
    title: 'Peringatan aktif saat itu',
    none: 'Tidak ada peringatan aktif saat itu.',
    count: '{n} aktif · {critical} kritis',
    'kind.sla_will_breach': 'SLA akan terlewati',
    'kind.sla_breached': 'SLA terlewati',
    'kind.surge': 'Lonjakan',
    'severity.warning': 'Waspada',
    'severity.critical': 'Kritis',
    'level.desk': 'Meja instansi',
    'level.head': 'Kepala instansi',
    'level.supervisor': 'Supervisor pusat komando',
    severalAgencies: 'Beberapa instansi',
    raised: 'Muncul {time}',
    ackBy: 'Diakui {who} · {time}',
    notAcked: 'Belum diakui',
  },
  en: {
    title: 'Alerts active at that moment',
    none: 'No active alerts at that moment.',
    count: '{n} active · {critical} critical',
    'kind.sla_will_breach': 'SLA will breach',
    'kind.sla_breached': 'SLA breached',
    'kind.surge': 'Surge',
    'severity.warning': 'Warning',
    'severity.critical': 'Critical',
    'level.desk': 'Agency desk',
    'level.head': 'Agency head',
    'level.supervisor': 'Command-center supervisor',
    severalAgencies: 'Several agencies',
    raised: 'Raised {time}',
    ackBy: 'Acknowledged by {who} · {time}',
    notAcked: 'Not acknowledged',
  },
});
