"""The sync client (no Qt): freeze outbox batches, push them exactly once, pull changes.

Modules, from the bottom up (only ``http`` and ``run`` import requests, which is slow to
import; the others are cheap enough for the app to use at start-up):

* ``outcome``: the errors that stop a sync and the ``SyncReport`` of a cycle;
* ``state``: SyncState keys, outbox-row states, counts and ``status``;
* ``apply``: applying pulled changes to the local store;
* ``outbox``: freezing outbox batches, recording the server's answers;
* ``attention``: parked operations (retry, discard) and the conflict log;
* ``http``: the server address check, the HTTP session, retries and backoff;
* ``run``: ``SyncClient``, one cycle of push then pull.
"""
