import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magazine.settings")

django_application = get_wsgi_application()

from front.pagecache import ServeStoredPages  # noqa: E402  (after Django is set up)
from wordpress.redirects import AnswerOldQueriesFirst  # noqa: E402

# WordPress's /?p=123 and its like go past the stored front page to Django, which redirects them.
application = AnswerOldQueriesFirst(ServeStoredPages(django_application), django_application)
