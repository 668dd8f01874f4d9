from django.apps import AppConfig


class FilmsConfig(AppConfig):
    name = "films"

    def ready(self) -> None:
        import reversion

        from . import models

        # A merge keeps every row it changes in a revision, so that it can be undone (films.merging).
        for model in (
            models.Person,
            models.Company,
            models.Work,
            models.Film,
            models.Album,
            models.Track,
            models.Book,
            models.Series,
            models.Season,
            models.Episode,
            models.Game,
            models.Platform,
            models.Credit,
        ):
            if not reversion.is_registered(model):
                reversion.register(model)
