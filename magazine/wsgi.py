import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magazine.settings")

application = get_wsgi_application()

from magazine.pagecache import ServeStoredPages  # noqa: E402  (after Django is set up)

application = ServeStoredPages(application)
