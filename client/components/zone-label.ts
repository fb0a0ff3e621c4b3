/** The city zone's short name (WIB): one home in shared/, for the server's PDF pack too. */
export { CLOCK_LOCALE, zoneLabel } from '../../shared/i18n/zone-label.ts';
