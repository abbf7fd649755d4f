// One round: N subscribers open in batches, a warm-up contribution proves each one live, then
// measured contributions at a steady pace; latencies and the router's memory and CPU are read.
import { loadavg } from 'node:os';
import type { BenchAccount } from '../support/benchAccounts.js';
import { summarize, type LatencySummary } from '../support/latencySummary.js';
import { contribute, type BenchGroup, type Contribution } from './benchGroup.js';
import type { BenchRoute } from './benchOptions.js';
import { receiptLog, type ReceiptLog } from './receiptLog.js';
import { peakRss, settledRss, type RouterGauge } from './routerMemory.js';
import { eventKeyOf, openSubscriber, type SubscriberSocket } from './subscriberSockets.js';

export interface RoundSettings {
  route: BenchRoute;
  subscribers: number;
  events: number;
  batch: number;
  intervalMs: number;
  routerOrigin: string;
  group: BenchGroup;
  gauge: RouterGauge;
  log: (message: string) => void;
}

export interface RoundResult {
  route: BenchRoute;
  subscribers: number;
  /** Sockets the router accepted. */
  connected: number;
  /** Subscribers a warm-up event reached: those measured. */
  live: number;
  events: number;
  delivered: number;
  /** subscribers × events: every requested subscriber should receive every event. */
  expected: number;
  latencyMs: LatencySummary | null;
  routerRssBytes: { before: number | null; subscribed: number | null; peak: number | null; afterEvents: number | null };
  /** (subscribed − before) / connected: what each socket the router holds costs it. */
  bytesPerSubscriber: number | null;
  /** The router's CPU time from the first measured contribution to the last delivery. */
  routerCpuSeconds: number | null;
  seconds: { open: number; warmUp: number; events: number };
  /** The machine's 1-minute load average as the round began and ended: above its core count, other work shared the CPUs. */
  loadAverage: { atStart: number; atEnd: number };
  /** Unrequested closes, refusals and stray messages, with counts. */
  problems: Record<string, number>;
}

const WARM_UP_ATTEMPTS = 3;
/** A wait for deliveries ends when none has arrived for this long: a warm-up is then tried again, a round measured as it is. */
const WARM_UP_STALL_MS = 5_000;
const EVENTS_STALL_MS = 15_000;
/** Or after this long in any case. */
const LONGEST_WAIT_MS = 180_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const secondsSince = (start: number) => Math.round((Date.now() - start) / 100) / 10;

async function waitFor(done: () => boolean, receipts: ReceiptLog, stallMs: number): Promise<void> {
  const start = Date.now();
  while (!done() && Date.now() - Math.max(start, receipts.lastReceiptAt()) < stallMs && Date.now() - start < LONGEST_WAIT_MS) {
    await sleep(100);
  }
}

async function openInBatches(settings: RoundSettings, receipts: ReceiptLog): Promise<SubscriberSocket[]> {
  const { members } = settings.group;
  const sockets: SubscriberSocket[] = [];
  for (let first = 0; first < settings.subscribers; first += settings.batch) {
    const batch = Array.from({ length: Math.min(settings.batch, settings.subscribers - first) }, (_, offset) => {
      const index = first + offset;
      const member = members[index % members.length] as BenchAccount;
      const settingsOfOne = { routerOrigin: settings.routerOrigin, groupId: settings.group.id, token: member.token, index };
      return openSubscriber(settings.route, { ...settingsOfOne, listener: receipts });
    });
    sockets.push(...batch);
    await Promise.all(batch.map((socket) => socket.opened));
  }
  return sockets;
}

/** A contribution by the index-th member (round robin); null when it failed, which is counted as a problem. */
async function contributeAs(settings: RoundSettings, receipts: ReceiptLog, index: number, message: string): Promise<Contribution | null> {
  const member = settings.group.members[index % settings.group.members.length] as BenchAccount;
  try {
    return await contribute(`${settings.routerOrigin}/graphql`, settings.group.id, member, message);
  } catch (error) {
    receipts.onProblem(-1, `contribution failed: ${error instanceof Error ? error.message : String(error)}`, false);
    return null;
  }
}

/**
 * Contributes warm-ups until every subscriber has either received one or ended (a socket never
 * accepted has ended too), or attempts run out; how many subscribers a warm-up reached.
 */
async function warmUp(settings: RoundSettings, receipts: ReceiptLog): Promise<number> {
  const keys: string[] = [];
  const everyoneSettled = () => receipts.subscribersSettled(keys) >= settings.subscribers;
  for (let attempt = 1; attempt <= WARM_UP_ATTEMPTS; attempt++) {
    const contribution = await contributeAs(settings, receipts, attempt, `warm-up ${settings.subscribers}.${attempt}`);
    if (contribution !== null) keys.push(eventKeyOf(settings.route, contribution));
    await waitFor(everyoneSettled, receipts, WARM_UP_STALL_MS);
    if (everyoneSettled()) break;
    settings.log(`  warm-up ${attempt} reached ${receipts.subscribersReached(keys)} of ${settings.subscribers}; trying again`);
  }
  return receipts.subscribersReached(keys);
}

/** The measured contributions, one every intervalMs whether or not the previous one has answered; the keys of those that succeeded. */
async function contributeEvents(settings: RoundSettings, receipts: ReceiptLog): Promise<string[]> {
  const start = Date.now();
  const contributions = [];
  for (let event = 0; event < settings.events; event++) {
    await sleep(start + event * settings.intervalMs - Date.now());
    contributions.push(contributeAs(settings, receipts, event, `event ${settings.subscribers}.${event}`));
  }
  const made = (await Promise.all(contributions)).filter((contribution) => contribution !== null);
  return made.map((contribution) => eventKeyOf(settings.route, contribution));
}

export async function runRound(settings: RoundSettings): Promise<RoundResult> {
  const { gauge, log } = settings;
  const receipts = receiptLog();
  const loadAtStart = loadavg()[0] ?? 0;
  const before = await settledRss(gauge);

  let started = Date.now();
  const sockets = await openInBatches(settings, receipts);
  const connected = (await Promise.all(sockets.map((socket) => socket.opened))).filter(Boolean).length;
  const openSeconds = secondsSince(started);
  log(`  ${connected} of ${settings.subscribers} connected in ${openSeconds} s`);

  started = Date.now();
  const live = await warmUp(settings, receipts);
  const warmUpSeconds = secondsSince(started);
  log(`  warm-up reached ${live} in ${warmUpSeconds} s`);
  const subscribed = await settledRss(gauge);

  started = Date.now();
  const cpuBefore = await gauge.cpuSeconds();
  const peak = peakRss(gauge);
  const eventKeys = await contributeEvents(settings, receipts);
  await waitFor(() => receipts.deliveries(eventKeys) >= live * eventKeys.length, receipts, EVENTS_STALL_MS);
  const cpuAfter = await gauge.cpuSeconds();
  const eventsSeconds = secondsSince(started);
  const routerRssBytes = { before, subscribed, peak: await peak.stop(), afterEvents: await gauge.rssBytes() };

  await Promise.all(sockets.map((socket) => socket.close()));
  const problems = receipts.problems();
  if (Object.keys(problems).length > 0) log(`  problems: ${JSON.stringify(problems)}`);
  return {
    route: settings.route,
    subscribers: settings.subscribers,
    connected,
    live,
    events: settings.events,
    delivered: receipts.deliveries(eventKeys),
    expected: settings.subscribers * settings.events,
    latencyMs: summarize(receipts.latencies(eventKeys)),
    routerRssBytes,
    bytesPerSubscriber: before !== null && subscribed !== null && connected > 0 ? Math.round((subscribed - before) / connected) : null,
    routerCpuSeconds: cpuBefore !== null && cpuAfter !== null ? Math.round((cpuAfter - cpuBefore) * 100) / 100 : null,
    seconds: { open: openSeconds, warmUp: warmUpSeconds, events: eventsSeconds },
    loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0] ?? 0 },
    problems,
  };
}
