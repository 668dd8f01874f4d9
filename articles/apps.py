from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self) -> None:
        import reversion
        from taggit.models import TaggedItem

        from .models import Article, ArticleAuthor, ArticleWork, Citation

        # A revision of an article keeps everything readers see of it: bylines, works discussed, works cited, tags.
        reversion.register(Article, follow=["article_authors", "article_works", "citations", "tagged_items"])
        for model in (ArticleAuthor, ArticleWork, Citation, TaggedItem):
            if not reversion.is_registered(model):
                reversion.register(model)

        from core import cards

        from . import about, page, signals  # noqa: F401  (signals connects the search-document receivers)

        # The pages of films, people and authors list the articles about them without importing articles.
        about.register()
        # Their cards, for a list whose cards are not stored yet (core/cards.py).
        cards.provide(rendered=page.render_cards)
