from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from accounts.wagtail_hooks import page_search_view


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


# Addresses without a language prefix: machine interfaces, files and the admin.
urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    # One way in: the admin's sign-in and password reset are allauth's (rate limits, MFA).
    path("admin/login/", accounts_views.admin_sign_in),
    re_path(r"^admin/password_reset/", accounts_views.admin_sign_in),
    path("admin/pages/search/", page_search_view()),
    path("admin/pages/search/results/", page_search_view(results_only=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/search/", include("search.api_urls")),
    path("xapi/", include("xapi.urls")),
    path("h5p/", include("h5p.urls")),
    path("scorm/", include("scorm.urls")),
    path("verify/", include("badges.verify_urls")),
    path("verify/", include("courses.verify_urls")),
    path("badges/", include("badges.urls")),
    path("lti/", include("lti.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}),
]

# People's pages, in the language of the prefix (/en/, /es/, /pt/, /fr/).
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/agency/", include("sso.urls")),
    path("search/", include("search.urls")),
    path("learn/records/", include("xapi.learner_urls")),
    path("learn/", include("courses.urls")),
    path("curriculum/", include("curricula.urls")),
    path("exchange/", include("instructors.urls")),
    path("activities/", include("activities.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("plan/", include("plan.urls")),
    path("cartridges/", include("cartridges.urls")),
    path("forum/", include("forum.urls")),
    path("practices/", include("practices.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    # Development serves only Wagtail's public image renditions and originals from MEDIA_ROOT.
    # Documents go through Wagtail's serve view (collection privacy), H5P files through the player's
    # signed view, and private files (certificates, reports, certifications) live outside MEDIA_ROOT.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns = [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>(?:images|original_images)/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
        *urlpatterns,
    ]
