"""The reference sync server: a WSGI application over a SQLAlchemy store.

SQLite by default, PostgreSQL by URL. Guarantees (docs/sync-protocol.md):

* every operation ID is stored forever under a UNIQUE constraint, so a replay is answered
  ``duplicate`` however late it comes; Idempotency-Key replays the stored answer for 24 h;
* a batch is applied in short transactions of 100 operations, answered only after the last
  one committed;
* writes are serialised one slice at a time, first come first served (``locks.FairLock`` in
  the process, an advisory lock on PostgreSQL across processes), so the change sequence is the
  commit order and a pull never skips a change;
* device tokens are stored as SHA-256 hashes (they are 256-bit random, so a fast hash is
  enough); every refusal is a JSON body and changes nothing.

Modules, from the bottom up:

* ``schema``: the tables and ``open_engine``;
* ``admin``: devices and tokens, the audit ``dump``;
* ``claims``: claim codes and their rate limit;
* ``apply``: applying a pushed batch (merge, conflict rules, duplicate op IDs);
* ``idempotency``: Idempotency-Key reservation, replay and purge;
* ``feed``: the change feed and the reconcile digest;
* ``errors``: HTTP refusals as JSON;
* ``locks``: the first-come-first-served write lock;
* ``wsgi``: ``SyncServerApp``, the routes (``hexikit.sync.serve`` runs it under waitress).
"""
