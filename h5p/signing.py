"""H5P player grants: signed, bound to the viewer's session, stable within a period (lms.grants).

The grant's object is the H5P content. The same session viewing the same activity in the same period
gets the same grant, so the player's file URLs (which carry it in their path) stay the same and the
browser keeps their files cached. See docs/decisions/0034.
"""

from django.conf import settings

from lms.grants import GrantSigner

GRANTS = GrantSigner("h5p.grant", lambda: settings.H5P_GRANT_PERIOD)
