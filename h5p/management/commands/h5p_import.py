"""manage.py h5p_import [--state CODE] [--audience TIER] FILE...: validate and store H5P packages
for a member state (without --state: kept by the secretariat); exit 1 if any is refused."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.api import Audience, member_state_by_code
from h5p.services import package_import
from h5p.validation import PackageInvalid


class Command(BaseCommand):
    help = "Validate and store H5P packages (.h5p files). Every problem of a refused package is listed."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--state", default="", help="ISO code of the member state that owns the content (default: the secretariat)."
        )
        parser.add_argument(
            "--audience", default=Audience.PUBLIC, choices=Audience.values, help="Who may see the content."
        )

    def handle(self, *args, files, state="", audience=Audience.PUBLIC, **options):
        owner = None
        if state:
            try:
                owner = member_state_by_code(state)
            except ValidationError as invalid:
                raise CommandError(" ".join(invalid.messages)) from None
        refused = 0
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as error:
                refused += 1
                self.stderr.write(_("%(file)s: cannot be read (%(error)s)") % {"file": path, "error": error.strerror})
                continue
            try:
                content, created = package_import(data=data, filename=path.name, state=owner, audience=audience)
            except PackageInvalid as invalid:
                refused += 1
                self.stderr.write(_("%(file)s: refused") % {"file": path})
                for message in invalid.messages:
                    self.stderr.write(f"  - {message}")
                continue
            if created:
                self.stdout.write(
                    _("%(file)s: imported as “%(title)s” (#%(id)s)")
                    % {"file": path, "title": content.title, "id": content.pk}
                )
            else:
                self.stdout.write(
                    _("%(file)s: already stored as “%(title)s” (#%(id)s)")
                    % {"file": path, "title": content.title, "id": content.pk}
                )
        if refused:
            raise CommandError(_("%(count)s of %(total)s files refused.") % {"count": refused, "total": len(files)})
