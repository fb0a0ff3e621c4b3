/** Line icons for the home cards, drawn inline so nothing loads from the network. */
import type { CardKey } from './home-cards.ts';

const PATHS: Record<CardKey, string> = {
  wall: 'M3 4h18v12H3z M8 20h8 M12 16v4',
  ops: 'M4 6h16 M4 12h16 M4 18h10 M19 16l2 2-2 2',
  field:
    'M12 21s-6-5.7-6-11a6 6 0 0 1 12 0c0 5.3-6 11-6 11z M12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
  briefing: 'M4 20V10 M10 20V4 M16 20v-7 M22 20H2',
  admin: 'M12 3l8 3v6c0 4.5-3.4 8.2-8 9-4.6-.8-8-4.5-8-9V6z M9 12l2 2 4-4',
};

export function CardIcon({ card }: { card: CardKey }) {
  return (
    <svg
      className="home-card__icon"
      viewBox="0 0 24 24"
      width="28"
      height="28"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[card]} />
    </svg>
  );
}
