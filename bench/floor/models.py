from django.db import models


class ArticleRow(models.Model):
    """The columns of an article that its page shows as text, read from the magazine's own table."""

    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=300)
    dek = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)

    class Meta:
        app_label = "bench_floor"
        db_table = "articles_article"
        managed = False

    def __str__(self) -> str:
        return self.title
