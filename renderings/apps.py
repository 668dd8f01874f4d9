from django.apps import AppConfig


class RenderingsConfig(AppConfig):
    """Readers' pages rendered when what they show changes, stored beside the rows they come from."""

    name = "renderings"
    verbose_name = "Stored renderings"

    def ready(self) -> None:
        from core import cards

        from . import changes, headers, renderers, views

        renderers.register_all()
        # The page headers of works, people, companies, authors, sections and tags.
        headers.register()
        changes.connect()
        # The cards of every list page, read where they are stored.
        cards.provide(stored=views.stored_cards_query, before_read=changes.flush_pending)
