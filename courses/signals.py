"""Signals courses sends to other apps (connect through ``courses.api``).

``progress_changed`` is sent once the transaction that evaluated a learner's lesson (and so their
course) has committed, and after a failed quiz attempt, with ``user_id``, ``lesson_id`` and
``course_id``: an LTI platform that
launched the learner there gets the new score (``lti``)."""

from django.dispatch import Signal

progress_changed = Signal()
