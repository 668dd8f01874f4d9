from django.apps import AppConfig


class RenderingsConfig(AppConfig):
    """Readers' pages rendered when what they show changes, stored beside the rows they come from."""

    name = "renderings"
    verbose_name = "Stored renderings"

    def ready(self) -> None:
        from . import changes, headers, renderers

        renderers.register_all()
        # The page headers of works, people, companies, authors, sections and tags.
        headers.register()
        changes.connect()
