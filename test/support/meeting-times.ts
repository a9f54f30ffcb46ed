/** Times the meeting specs schedule at, on the clock pair (CLOCK_TEST_ENV: MEETING_NOTICE_LEAD_TIME=2s). */

/** The clock pair's notice lead time. */
export const LEAD_MS = 2000;

/** An instant `ms` from now, as the API takes it. */
export const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();

export const sleepUntil = async (iso: string): Promise<void> => {
  const wait = Date.parse(iso) - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
};

/** A day of a random far-future year: meetings there belong to this test run alone. */
export const farDay = (): number =>
  Date.UTC(2200 + Math.floor(Math.random() * 700), Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 28));
