"""manage.py cc_export COURSE_ID FILE.imscc: a live course as an IMS Common Cartridge."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cartridges.export import VERSIONS, course_cartridge
from courses.api import live_course


class Command(BaseCommand):
    help = "Export a live course as an IMS Common Cartridge (.imscc) that Moodle and Canvas import."

    def add_arguments(self, parser):
        parser.add_argument("course_id", type=int)
        parser.add_argument("file")
        parser.add_argument("--cc-version", choices=sorted(VERSIONS), default="1.1", dest="cc_version")
        parser.add_argument("--base-url", default="", help="The site's address, for links back to lessons.")

    def handle(self, *args, course_id, file, cc_version, base_url, **options):
        course = live_course(course_id)
        if course is None:
            raise CommandError(_("No live course has the id %(id)s.") % {"id": course_id})
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
        data = course_cartridge(course, version=cc_version, base_url=base_url).zip_bytes()
        path.write_bytes(data)
        self.stdout.write(_("Wrote %(file)s (%(size)s bytes).") % {"file": path, "size": len(data)})
