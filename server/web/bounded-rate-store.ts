import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { LRUCache } from 'lru-cache';

/**
 * express-rate-limit's counts per client, bounded by bytes: the library's MemoryStore keeps one
 * entry for every client seen in a window, however many there are. Each limiter gets its own store
 * (the library refuses to share one); an entry lives for its window. Under a flood of new clients
 * the least recently seen lose their counts first, which lets them start their window over: the
 * cost of a bound, and the proxy's own limits (deploy/nginx.conf) still hold.
 */
export class BoundedRateStore implements Store {
  readonly localKeys = true;
  private windowMs = 60_000;
  private readonly counts: LRUCache<string, { totalHits: number; resetTime: Date }>;

  constructor(maxBytes = 1024 * 1024) {
    this.counts = new LRUCache({ maxSize: maxBytes, sizeCalculation: (_count, key) => 2 * key.length + 96 });
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  get(key: string): ClientRateLimitInfo | undefined {
    return this.counts.get(key);
  }

  increment(key: string): ClientRateLimitInfo {
    const now = Date.now();
    let count = this.counts.get(key);
    if (!count || count.resetTime.getTime() <= now) count = { totalHits: 0, resetTime: new Date(now + this.windowMs) };
    count.totalHits++;
    this.counts.set(key, count, { ttl: Math.max(1, count.resetTime.getTime() - now) });
    return { ...count };
  }

  decrement(key: string): void {
    const count = this.counts.get(key);
    if (count) count.totalHits = Math.max(0, count.totalHits - 1);
  }

  resetKey(key: string): void {
    this.counts.delete(key);
  }

  resetAll(): void {
    this.counts.clear();
  }
}
