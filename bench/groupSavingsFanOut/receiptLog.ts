// What the subscribers of one round received: each event's latencies and who got it, and what else happened.
import type { Receipt, SubscriberListener } from './subscriberSockets.js';

export interface ReceiptLog extends SubscriberListener {
  /** How many of the subscribers received at least one of these events. */
  subscribersReached(eventKeys: string[]): number;
  /** How many subscribers either received one of these events or have ended (closed, refused). */
  subscribersSettled(eventKeys: string[]): number;
  /** How many receipts of these events arrived in all. */
  deliveries(eventKeys: string[]): number;
  latencies(eventKeys: string[]): number[];
  /** Date.now() of the latest receipt, or of the log's start. */
  lastReceiptAt(): number;
  /** Each problem (close code, refusal...) with how often it happened. */
  problems(): Record<string, number>;
}

export function receiptLog(): ReceiptLog {
  const byEvent = new Map<string, { latencies: number[]; subscribers: Set<number> }>();
  const problems: Record<string, number> = {};
  const ended = new Set<number>();
  let lastReceiptAt = Date.now();
  const eventsOf = (eventKeys: string[]) => eventKeys.flatMap((key) => byEvent.get(key) ?? []);
  const reached = (eventKeys: string[]) => new Set(eventsOf(eventKeys).flatMap((event) => [...event.subscribers]));
  return {
    onReceipt(receipt: Receipt) {
      lastReceiptAt = Date.now();
      const event = byEvent.get(receipt.eventKey) ?? { latencies: [], subscribers: new Set<number>() };
      byEvent.set(receipt.eventKey, event);
      event.latencies.push(receipt.latencyMs);
      event.subscribers.add(receipt.subscriber);
    },
    onProblem(subscriber, problem, hasEnded) {
      problems[problem] = (problems[problem] ?? 0) + 1;
      if (hasEnded) ended.add(subscriber);
    },
    subscribersReached: (eventKeys) => reached(eventKeys).size,
    subscribersSettled: (eventKeys) => new Set([...reached(eventKeys), ...ended]).size,
    deliveries: (eventKeys) => eventsOf(eventKeys).reduce((sum, event) => sum + event.latencies.length, 0),
    latencies: (eventKeys) => eventsOf(eventKeys).flatMap((event) => event.latencies),
    lastReceiptAt: () => lastReceiptAt,
    problems: () => ({ ...problems }),
  };
}
