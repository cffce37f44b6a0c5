// One Redis or a Redis Cluster, named by one URL: `redis://host:port` for a server,
// `redis-cluster://host:port,host:port,…` for a cluster (any of its nodes; ioredis finds
// the rest). On a cluster every key a script or a BullMQ queue touches together must hash
// to one slot: the queue prefix carries a hash tag (`{baogong}`) for that.
import { Cluster, Redis, type RedisOptions } from "ioredis";

/** The default key prefix of queues, limits and the inbound journal: hash-tagged, so it works on a cluster as on one server. */
export const DEFAULT_QUEUE_PREFIX = "{baogong}";

export function clusterNodes(url: string): Array<{ host: string; port: number }> | null {
  const m = /^redis-cluster:\/\/(.+)$/.exec(url);
  if (!m) return null;
  return m[1]!
    .replace(/\/.*$/, "")
    .split(",")
    .map((hp) => {
      const [host, port] = hp.trim().split(":");
      return { host: host || "127.0.0.1", port: Number(port || 6379) };
    });
}

/** A client for `url`: a Cluster for `redis-cluster://…`, else a Redis. */
export function redisClient(url: string, opts: RedisOptions = {}): Redis {
  const nodes = clusterNodes(url);
  // A Cluster answers the same commands; BullMQ and the limiter's scripts take either.
  if (nodes)
    return new Cluster(nodes, {
      redisOptions: opts,
      ...(opts.lazyConnect ? { lazyConnect: true } : {}),
    }) as unknown as Redis;
  return new Redis(url, opts);
}

/** A plain client to one node of `url` (server checks: version, PING). */
export function firstNodeUrl(url: string): string {
  const nodes = clusterNodes(url);
  return nodes ? `redis://${nodes[0]!.host}:${nodes[0]!.port}` : url;
}
