"""Every sitemap of the site, by the name in its address (/sitemap-<name>.xml)."""

from articles.sitemaps import (
    AlbumSitemap,
    ArticleSitemap,
    AuthorSitemap,
    BookSitemap,
    CompanySitemap,
    FilmSitemap,
    FrontPageSitemap,
    GameSitemap,
    PersonSitemap,
    SectionSitemap,
    TelevisionSitemap,
)

SITEMAPS = {
    "pages": FrontPageSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "films": FilmSitemap,
    "albums": AlbumSitemap,
    "books": BookSitemap,
    "tv": TelevisionSitemap,
    "games": GameSitemap,
    "people": PersonSitemap,
    "companies": CompanySitemap,
}
