"""The room web app (issue 18): participants add their own offers and requests from their
phones over the venue's network, while the facilitator watches them arrive. No Qt.

`codes` (join code, phone ids, CSRF tokens), `entries` (what a phone posts, checked by the core
rules and written through the store's one write path), `pages` (the no-JavaScript HTML),
`wsgi` (the WSGI app and its limits), `server` (waitress in a thread: start, stop),
`network` (the laptop's addresses, the likely reachable one first).
"""
