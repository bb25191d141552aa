"""manage.py cc_export COURSE_ID FILE.imscc: a live course (or, with --curriculum, a live
curriculum with its live courses) as an IMS Common Cartridge."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cartridges.export import VERSIONS, course_cartridge, curriculum_cartridge
from courses.api import live_course, live_courses_of_curriculum
from curricula.api import live_curriculum
from lms.untrusted import parse_id


class Command(BaseCommand):
    help = "Export a live course as an IMS Common Cartridge (.imscc) that Moodle and Canvas import."

    def add_arguments(self, parser):
        parser.add_argument("course_id", help="The course's page id (a curriculum's with --curriculum).")
        parser.add_argument("file")
        parser.add_argument("--curriculum", action="store_true", help="Export a curriculum with its live courses.")
        parser.add_argument("--cc-version", choices=sorted(VERSIONS), default="1.1", dest="cc_version")
        parser.add_argument("--base-url", default="", help="The site's address, for links back to lessons.")

    def handle(self, *args, course_id, file, curriculum, cc_version, base_url, **options):
        page_id = parse_id(course_id)
        if page_id is None:
            raise CommandError(_("%(id)s is not an id.") % {"id": course_id})
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
        if curriculum:
            page = live_curriculum(page_id)
            if page is None:
                raise CommandError(_("No live curriculum has the id %(id)s.") % {"id": course_id})
            cartridge = curriculum_cartridge(
                page, live_courses_of_curriculum(page.pk), version=cc_version, base_url=base_url
            )
        else:
            course = live_course(page_id)
            if course is None:
                raise CommandError(_("No live course has the id %(id)s.") % {"id": course_id})
            cartridge = course_cartridge(course, version=cc_version, base_url=base_url)
        data = cartridge.zip_bytes()
        path.write_bytes(data)
        self.stdout.write(_("Wrote %(file)s (%(size)s bytes).") % {"file": path, "size": len(data)})
