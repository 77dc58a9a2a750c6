"""Topics: saved queries that followers subscribe to, and the overviews published for them.

* ``query.py``: which reports and sentences belong to a topic;
* ``publish.py``: compose a topic's next overview, store it, queue its notifications;
* ``schedule.py``: when overviews go out (cron times, breaking developments) and the
  scheduler that ``kroniek serve`` runs;
* ``notify/``: one notifier per channel (Atom, webhook, e-mail) behind one dispatcher.
"""

from __future__ import annotations

from kroniek.store.topics import Topic
from kroniek.topics.query import topic_documents, topic_query

__all__ = ["Topic", "topic_documents", "topic_query"]
