import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`, so clocks on screen count down without a reload. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "3 hours" / "5 minutos": a span of time in the user's language, at its largest sensible unit. */
export function formatSpan(ms: number, language: string): string {
  const seconds = Math.max(0, Math.round(Math.abs(ms) / 1000));
  // Thresholds on the rounded value, so 59.6 minutes reads "1 hour", not "60 minutes".
  const [value, unit] = seconds < 59.5 ? [seconds, 'second'] : seconds < 3570 ? [Math.round(seconds / 60), 'minute']
    : seconds < 84_600 ? [Math.round(seconds / 3600), 'hour'] : [Math.round(seconds / 86400), 'day'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
