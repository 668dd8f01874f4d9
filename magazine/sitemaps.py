"""Every sitemap of the site, by the name in its address (/sitemap-<name>.xml)."""

from articles.sitemaps import ArticleSitemap, FrontPageSitemap, SectionSitemap
from authors.sitemaps import AuthorSitemap
from films.sitemaps import FilmSitemap, PersonSitemap

SITEMAPS = {
    "pages": FrontPageSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
}
