"""Every sitemap of the site, by the name in its address (/sitemap-<name>.xml)."""

from articles.sitemaps import (
    ArticleSitemap,
    AuthorSitemap,
    FilmSitemap,
    FrontPageSitemap,
    PersonSitemap,
    SectionSitemap,
)

SITEMAPS = {
    "pages": FrontPageSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
}
