/** The city's wall clock, on the server's time so every screen in the room agrees. */
import { useEffect, useState } from 'react';
import { formatTime } from '../../shared/domain/time.ts';
import { CLOCK_LOCALE, zoneLabel } from './zone-label.ts';

interface CityClockProps {
  timeZone: string;
  serverTimeOffsetMs: number;
}

export function CityClock({ timeZone, serverTimeOffsetMs }: CityClockProps) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time
      className="city-clock"
      data-testid="clock"
      dateTime={new Date(now + serverTimeOffsetMs).toISOString()}
    >
      {formatTime(new Date(now + serverTimeOffsetMs), timeZone, CLOCK_LOCALE)} {zoneLabel(timeZone)}
    </time>
  );
}
