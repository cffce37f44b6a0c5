#!/usr/bin/env bash
# Starts the local PostgreSQL and Redis the integration tests use, when they are down.
# A Redis started here keeps its data (appendonly): queued messages survive its restart.
# (On this project's machines both run already; this is for a machine where they stopped.)
set -u
pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || (echo > /dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG || (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null; }

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "starting PostgreSQL…" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  else
    echo "PostgreSQL is not running on 127.0.0.1:5432 and pg_ctlcluster is not available" >&2
  fi
fi
if ! redis_up; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "starting Redis…" >&2
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly yes --dir /var/lib/redis --logfile /var/log/redis/ci.log \
      || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly yes --dir /tmp
  else
    echo "Redis is not running on 127.0.0.1:6379 and redis-server is not installed (apt-get install -y redis-server)" >&2
  fi
fi
for _ in $(seq 1 50); do pg_up && redis_up && exit 0; sleep 0.2; done
pg_up || echo "PostgreSQL did not come up" >&2
redis_up || echo "Redis did not come up" >&2
exit 0
