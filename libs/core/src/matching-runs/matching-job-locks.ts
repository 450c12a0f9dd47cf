/**
 * The BullMQ lock settings of the matching queues (runs and their parts). A job's lock is renewed
 * from a timer on the worker's event loop, so a loop held by CPU work, or starved on a loaded
 * machine (a national run at load 27 on 2 cores lost 10 s locks), lets the lock lapse and the
 * stalled check hands a live job to another worker: the snapshot read twice, parts solved two and
 * three times, and one past `maxStalledCount` failed the run. So: renewed every 10 s but valid for
 * 60 s, which tolerates a loop late by 50 s; the long work itself runs off the loop (parts solve in
 * their own thread, big JSON is written a slice at a time). The price is recovery: a killed worker's
 * job is put back by another worker's stalled check about `lockDuration` + `stalledInterval` (≤ 75 s)
 * after it died, instead of 15 s; a matching run is minutes of work at scale, so that is cheap.
 */
export const MATCHING_JOB_LOCKS = {
  lockDuration: 60_000,
  lockRenewTime: 10_000,
  stalledInterval: 15_000,
  maxStalledCount: 2,
} as const;
