"""Who may do what with an article: the rules behind the admin, the workflow and previews.

Model permissions say what a role may do at all (the groups are created by a migration in
desk/migrations/); these functions add what model permissions cannot say: whose
article it is and what state it is in.

- `articles.edit_any_article` (editors): every article, whoever wrote it.
- Without it (contributors): only the articles whose byline carries the author linked
  to the login, and only while they are drafts or in review; published work is read-only.
- `articles.publish_article` (editors): send back, publish, schedule, unpublish.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Article

EDIT_ANY = "articles.edit_any_article"
PUBLISH = "articles.publish_article"


def can_edit_any(user) -> bool:
    return user.has_perm(EDIT_ANY)


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH)


def visible_articles(user, queryset: QuerySet[Article] | None = None) -> QuerySet[Article]:
    """The articles `user` may see in the admin: all of them for editors, their own for writers."""
    queryset = Article.objects.all() if queryset is None else queryset
    if not user.has_perm("articles.view_article"):
        return queryset.none()
    return queryset if can_edit_any(user) else queryset.written_by(user)


def is_author(user, article: Article) -> bool:
    return bool(user.pk) and article.pk is not None and article.article_authors.filter(author__user=user).exists()


def can_view(user, article: Article) -> bool:
    return user.has_perm("articles.view_article") and (can_edit_any(user) or is_author(user, article))


def can_change(user, article: Article) -> bool:
    """Editors change every article; writers their own drafts and articles in review."""
    if not user.has_perm("articles.change_article"):
        return False
    if can_edit_any(user):
        return True
    return article.status in {Article.Status.DRAFT, Article.Status.REVIEW} and is_author(user, article)


def can_submit(user, article: Article) -> bool:
    return article.status == Article.Status.DRAFT and can_change(user, article)


def can_delete(user, article: Article) -> bool:
    return user.has_perm("articles.delete_article") and can_edit_any(user)


def writes_as(user):
    """The author a login writes as, or None."""
    from authors.models import Author

    return Author.objects.filter(user_id=user.pk).first() if user.pk else None
