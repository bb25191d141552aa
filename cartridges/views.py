"""The export of a course as a Common Cartridge, downloaded by its editors."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from accounts.access import privileged_action

from .access import access_course_export, access_curriculum_export
from .export import VERSIONS, course_cartridge, curriculum_cartridge


@require_GET
@login_required
@privileged_action
def course_export(request, course_id: int):
    course = access_course_export(request.user, course_id)
    data = course_cartridge(course, version=_version(request), base_url=request.build_absolute_uri("/")).zip_bytes()
    return _download(data, course.slug)


@require_GET
@login_required
@privileged_action
def curriculum_export(request, curriculum_id: int):
    curriculum, courses = access_curriculum_export(request.user, curriculum_id)
    cartridge = curriculum_cartridge(
        curriculum, courses, version=_version(request), base_url=request.build_absolute_uri("/")
    )
    return _download(cartridge.zip_bytes(), curriculum.slug)


def _version(request) -> str:
    """The Common Cartridge version asked for (?version=1.3), 1.1 otherwise."""
    version = request.GET.get("version", "1.1")
    return version if version in VERSIONS else "1.1"


def _download(data: bytes, slug: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{slug}.imscc"'
    response["Cache-Control"] = "private, no-store"
    return response
