from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"

    def ready(self) -> None:
        from . import checks, slots  # noqa: F401 - checks registers the checks

        # The thread under an article and the counts on cards, without articles/ importing comments/.
        slots.fill()
