"""manage.py scorm_import FILE... [--state CODE]: validate and store SCORM packages; exit 1 if any is refused."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts import api as accounts_api
from scorm.services import package_import
from scorm.validation import PackageInvalid


class Command(BaseCommand):
    help = "Validate and store SCORM packages (.zip). Every problem of a refused package is listed."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--state", help="Code of the member state that owns the packages (e.g. MX).")

    def handle(self, *args, files, state=None, **options):
        owner = None
        if state:
            owner = accounts_api.member_state_for_code(state)
            if owner is None:
                raise CommandError(_("No member state has the code %(code)s.") % {"code": state})
        refused = 0
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as error:
                refused += 1
                self.stderr.write(_("%(file)s: cannot be read (%(error)s)") % {"file": path, "error": error.strerror})
                continue
            try:
                package, created = package_import(data=data, filename=path.name, state=owner)
            except PackageInvalid as invalid:
                refused += 1
                self.stderr.write(_("%(file)s: refused") % {"file": path})
                for message in invalid.messages:
                    self.stderr.write(f"  - {message}")
                continue
            template = (
                _("%(file)s: imported as “%(title)s” (#%(id)s)")
                if created
                else _("%(file)s: already stored as “%(title)s” (#%(id)s)")
            )
            self.stdout.write(template % {"file": path, "title": package.title, "id": package.pk})
        if refused:
            raise CommandError(_("%(count)s of %(total)s files refused.") % {"count": refused, "total": len(files)})
