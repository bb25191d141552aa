"""The export of a course as a Common Cartridge, downloaded by its editors."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from accounts.access import privileged_action

from .access import access_course_export
from .export import VERSIONS, course_cartridge


@require_GET
@login_required
@privileged_action
def course_export(request, course_id: int):
    course = access_course_export(request.user, course_id)
    version = request.GET.get("version", "1.1")
    if version not in VERSIONS:
        version = "1.1"
    data = course_cartridge(course, version=version, base_url=request.build_absolute_uri("/")).zip_bytes()
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{course.slug}.imscc"'
    response["Cache-Control"] = "private, no-store"
    return response
