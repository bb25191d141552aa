"""SCORM player grants: signed, bound to the viewer's session, stable within a period (lms.grants).

The grant's object is the package. The same session viewing the same package in the same period gets
the same grant, so the SCO's file URLs stay the same and the browser keeps their files cached. The
pattern is H5P's (docs/decisions/0034); see docs/decisions/0090.
"""

from django.conf import settings

from lms.grants import GrantSigner

GRANTS = GrantSigner("scorm.grant", lambda: settings.SCORM_GRANT_PERIOD)
