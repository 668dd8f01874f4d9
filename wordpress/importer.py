"""The writes of a WordPress import: authors, sections, tags, pictures, articles and comments.

The export is read three times, as a stream each time: once whole before anything is written
(so that a truncated, malformed or hostile file changes nothing), then for its attachments
(so that every picture is in the library before a body points at it), then for its posts
with their comments. Posts are written in batches, each in its own transaction: an
interrupted import keeps the batches it finished, and running it again resumes, because
every object is keyed on (site, kind, WordPress id) in `ImportedObject` with a fingerprint of
what it was imported from; unchanged ones cost a lookup and are skipped, changed ones are
updated, nothing is made twice.
"""

from __future__ import annotations

import datetime
import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleAuthor, FeaturedArticle, FormerSlug, Section
from articles.search import update_search_vectors
from articles.writing import derive_for_bulk, write_article
from authors.models import Author
from core import pages, signals
from desk.roles import CONTRIBUTOR
from images import processing
from images.models import Image
from images.services import image_create

from . import body as wp_body
from . import history, wxr
from .media import MediaError, Source, relative_path
from .models import ImportedObject, OldAddress, old_path
from .report import Progress, Report
from .threads import IMPORTED, CommentBatch

Kind = ImportedObject.Kind

PICTURE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}
# Meta that WordPress or this import reads; any other key is reported by name.
KNOWN_META = {
    "_edit_lock", "_edit_last", "_thumbnail_id", "_wp_attached_file", "_wp_attachment_metadata",
    "_wp_attachment_image_alt", "_wp_old_slug", "_wp_old_date", "_pingme", "_encloseme",
    "_wp_page_template", "_wp_desired_post_slug", "_wp_trash_meta_status", "_wp_trash_meta_time",
    "_wp_attachment_backup_sizes", "_menu_item_type", "_menu_item_menu_item_parent",
    "_menu_item_object_id", "_menu_item_object", "_menu_item_target", "_menu_item_classes",
    "_menu_item_xfn", "_menu_item_url", "_oembed_time", "_wp_suggested_privacy_policy_content",
}  # fmt: skip
SKIPPED_POST_STATUSES = {"trash": "in the trash", "auto-draft": "an unsaved auto-draft", "inherit": "a revision"}


@dataclass
class Options:
    dry_run: bool = False
    media: Source | None = None
    # WordPress logins to make desk logins for ("*" for all); never with the old passwords.
    logins: set[str] = field(default_factory=set)
    batch_size: int = 100
    progress: TextIO | None = None


@dataclass
class Scan:
    """What the first read found: the site, its authors and terms (small), and how many of each item."""

    site: wxr.Site
    authors: list[wxr.Author] = field(default_factory=list)
    terms: list[wxr.Term] = field(default_factory=list)
    items: Counter = field(default_factory=Counter)
    comments: int = 0


def scan(path: Path) -> Scan:
    """Read the whole export once, writing nothing; raises wxr.WXRError on a bad file."""
    found: Scan | None = None
    for record in wxr.read(path):
        if isinstance(record, wxr.Site):
            found = Scan(site=record)
        elif isinstance(record, wxr.Author):
            found.authors.append(record)
        elif isinstance(record, wxr.Term):
            found.terms.append(record)
        else:
            _check_ids(record)
            found.items[record.post_type] += 1
            found.comments += len(record.comments)
    return found


MAX_ID = 2**63 - 1


def _check_ids(item: wxr.Item) -> None:
    """Every item and comment needs the id WordPress gave it: it is what a re-run finds them by."""
    if not 0 < item.wp_id <= MAX_ID:
        raise wxr.WXRError(f"the item “{item.title[:60]}” has no valid <wp:post_id>")
    seen: set[int] = set()
    for comment in item.comments:
        if not 0 < comment.wp_id <= MAX_ID or comment.wp_id in seen:
            raise wxr.WXRError(f"a comment on item {item.wp_id} has a missing, invalid or repeated <wp:comment_id>")
        seen.add(comment.wp_id)


class Rollback(Exception):
    """Raised at the end of a dry run to undo everything it wrote."""


def run(path: str | Path, options: Options) -> Report:
    """Import the export at `path`. Raises wxr.WXRError before writing anything if the file is bad."""
    path = Path(path)
    report = Report(export=str(path), dry_run=options.dry_run)
    found = scan(path)
    report.site = found.site.base_url
    importer = Importer(path, found, options, report)
    try:
        if options.dry_run:
            try:
                with transaction.atomic():
                    importer.run()
                    raise Rollback
            except Rollback:
                pass
            finally:
                importer.forget_stored_files()
        else:
            importer.run()
    except KeyboardInterrupt:
        report.interrupted = True
    report.finish()
    return report


class Importer:
    def __init__(self, path: Path, found: Scan, options: Options, report: Report) -> None:
        self.path = path
        self.scan = found
        self.site = found.site.base_url
        self.prefix = urlsplit(self.site).path.rstrip("/")
        self.options = options
        self.report = report
        self.progress = Progress(options.progress)
        self.done: Counter = Counter()
        self.totals = {
            "attachments": found.items["attachment"],
            "posts": found.items["post"],
            "comments": found.comments,
        }
        self.authors: dict[str, int] = {}  # WordPress login → Author id
        self.sections: dict[str, int] = {}  # category slug → Section id
        self.tags: dict[str, int] = {}  # tag slug → Tag id
        self.default_section: int | None = None
        self.picture_ids: dict[int, int] = {}  # attachment id → Image id
        self.picture_keys: dict[str, int] = {}  # upload key → Image id
        self.pictures_of_post: dict[int, list[int]] = defaultdict(list)
        self.stored_files: list[str] = []
        self.timezone = timezone.get_default_timezone()

    # --- the passes -------------------------------------------------------------------

    def run(self) -> None:
        with transaction.atomic():
            self.import_authors()
            self.import_terms()
        for batch in self._batches(lambda item: item.post_type == "attachment", size=20):
            with transaction.atomic():
                self.import_attachments(batch)
        for batch in self._batches(lambda item: item.post_type != "attachment", size=self.options.batch_size):
            with transaction.atomic():
                self.import_items(batch)
        self.progress.show(self.done, self.totals, final=True)

    def _batches(self, wanted, size: int) -> Iterator[list[wxr.Item]]:
        batch: list[wxr.Item] = []
        for record in wxr.read(self.path):
            if isinstance(record, wxr.Item) and wanted(record):
                batch.append(record)
                if len(batch) >= size:
                    yield batch
                    batch = []
        if batch:
            yield batch

    def forget_stored_files(self) -> None:
        """A dry run's pictures were stored before its rollback: remove their files."""
        for name in self.stored_files:
            default_storage.delete(name)

    # --- keys and old addresses ----------------------------------------------------------

    def _rows(self, kind: str, ids) -> dict[int, ImportedObject]:
        rows = ImportedObject.objects.filter(site=self.site, kind=kind, wp_id__in=list(ids))
        return {row.wp_id: row for row in rows}

    def _remember(
        self, kind: str, wp_id: int, object_id: int | None, digest: str, row: ImportedObject | None = None, **extra
    ) -> ImportedObject:
        """Keep what (site, kind, wp_id) became; a row already saying so is not written again."""
        if row is not None and row.object_id == object_id and row.digest == digest and not extra:
            return row
        row, _ = ImportedObject.objects.update_or_create(
            site=self.site, kind=kind, wp_id=wp_id, defaults={"object_id": object_id, "digest": digest, **extra}
        )
        return row

    def _old_path(self, link: str) -> str:
        """The path of an address of the old site, decoded and with a trailing slash; "" for the front page."""
        try:
            parts = urlsplit(link.strip())
        except ValueError:
            return ""
        return old_path(parts.path)

    def _addresses(self, row: ImportedObject, paths) -> None:
        rows = [OldAddress(path=path[:500], imported=row) for path in set(paths) if path and path != "/"]
        OldAddress.objects.bulk_create(rows, ignore_conflicts=True)

    def _local(self, naive: datetime.datetime | None) -> datetime.datetime | None:
        return timezone.make_aware(naive, self.timezone) if naive else None

    def when(self, local: str, gmt: str) -> datetime.datetime | None:
        """A WordPress date: the GMT column when it is set, else the local one in the desk's time zone."""
        utc = wxr.parse_wp_date(gmt)
        if utc is not None:
            return utc.replace(tzinfo=datetime.UTC)
        return self._local(wxr.parse_wp_date(local))

    # --- authors ------------------------------------------------------------------------

    def import_authors(self) -> None:
        rows = self._rows(Kind.AUTHOR, [author.wp_id for author in self.scan.authors])
        for wp_author in self.scan.authors:
            digest = wxr.fingerprint(asdict(wp_author))
            row = rows.get(wp_author.wp_id)
            author = Author.objects.filter(pk=row.object_id).first() if row and row.object_id else None
            name = wp_author.display_name or " ".join(
                part for part in (wp_author.first_name, wp_author.last_name) if part
            )
            name = (name or wp_author.login)[:200]
            if author is None:
                email = wp_author.email.strip()
                author = Author.objects.filter(email__iexact=email).first() if email else None
                if author is None:
                    author = Author.objects.create(
                        name=name, slug=_unique_slug(Author, name or wp_author.login, 200), email=email[:254]
                    )
                    self.report.count("authors", "imported")
                else:
                    self.report.count("authors", "unchanged")
            elif row.digest != digest:
                author.name, author.email = name, wp_author.email[:254] or author.email
                author.save()
                self.report.count("authors", "updated")
            else:
                self.report.count("authors", "unchanged")
            self._login(wp_author, author)
            row = self._remember(Kind.AUTHOR, wp_author.wp_id, author.pk, digest, row)
            self._addresses(row, [f"{self.prefix}/author/{_wp_slug(wp_author.login)}/"])
            self.authors[wp_author.login] = author.pk

    def _login(self, wp_author: wxr.Author, author: Author) -> None:
        if not ({"*", wp_author.login} & self.options.logins) or author.user_id:
            return
        User = get_user_model()
        username = wp_author.login[:150]
        if User.objects.filter(username__iexact=username).exists():
            self.report.warn("login", f"a login named {username} exists already: not linked to {author.name}")
            return
        # No password: WordPress's hashes are not carried over. They set one with "forgot password".
        user = User(
            username=username,
            email=wp_author.email,
            first_name=wp_author.first_name[:150],
            last_name=wp_author.last_name[:150],
            is_staff=True,
        )
        user.set_unusable_password()
        user.save()
        role = Group.objects.filter(name=CONTRIBUTOR).first()
        if role is None:
            self.report.warn("login", f"no {CONTRIBUTOR} group (magazine's migrations): {username} has no role yet")
        else:
            user.groups.add(role)
        author.user = user
        author.save(update_fields=["user"])
        self.report.note("logins made (no password: set one to sign in)", username)

    # --- categories and tags ----------------------------------------------------------------

    def import_terms(self) -> None:
        categories = [term for term in self.scan.terms if term.taxonomy == "category"]
        tags = [term for term in self.scan.terms if term.taxonomy == "post_tag"]
        for term in self.scan.terms:
            if term.taxonomy not in ("category", "post_tag"):
                group = "menus" if term.taxonomy == "nav_menu" else "other taxonomies"
                self.report.note(group, term.taxonomy if group != "menus" else term.name or term.slug)
        parents = {term.slug: term.parent_slug for term in categories}
        rows = self._rows(Kind.CATEGORY, [term.wp_id for term in categories])
        for term in categories:
            row = rows.get(term.wp_id)
            section_id = self._section(term, row)
            chain = _chain(term.slug, parents)
            row = self._remember(Kind.CATEGORY, term.wp_id, section_id, wxr.fingerprint(asdict(term)), row)
            self._addresses(
                row, [f"{self.prefix}/category/{'/'.join(chain)}/", f"{self.prefix}/category/{term.slug}/"]
            )
            self.sections[term.slug] = section_id
        rows = self._rows(Kind.TAG, [term.wp_id for term in tags])
        for term in tags:
            tag_id = self._tag(term.slug, term.name, rows.get(term.wp_id))
            row = self._remember(Kind.TAG, term.wp_id, tag_id, wxr.fingerprint(asdict(term)), rows.get(term.wp_id))
            self._addresses(row, [f"{self.prefix}/tag/{term.slug}/"])
            self.tags[term.slug] = tag_id

    def _section(self, term: wxr.Term, row: ImportedObject | None) -> int:
        """A category's section: the one it became before, else the magazine's of the same address, else new.

        The hierarchy is flattened: a subcategory is a section of its own (sections have no parents),
        and its old address, parents and all, points there.
        """
        name = html.unescape(term.name or term.slug)[:100]
        if row and row.object_id and Section.objects.filter(pk=row.object_id).exists():
            if row.digest != wxr.fingerprint(asdict(term)):
                # Saved, not updated: the section's stored page header follows its save.
                section = Section.objects.get(pk=row.object_id)
                section.name = name
                section.save(update_fields=["name"])
                self.report.count("sections", "updated")
            else:
                self.report.count("sections", "unchanged")
            return row.object_id
        slug = ascii_slug(unquote(term.slug))[:100] or _unique_slug(Section, name, 100)
        existing = Section.objects.filter(slug=slug).first()
        if existing:
            self.report.count("sections", "unchanged")
            return existing.pk
        section = Section.objects.create(name=name, slug=slug, description=wp_body.plain_text(term.description)[:1000])
        self.report.count("sections", "imported")
        return section.pk

    def _tag(self, slug: str, name: str, row: ImportedObject | None) -> int:
        if row and row.object_id and Tag.objects.filter(pk=row.object_id).exists():
            self.report.count("tags", "unchanged")
            return row.object_id
        name = html.unescape(name or slug)[:100]
        slug = ascii_slug(unquote(slug))[:100] or _unique_slug(Tag, name, 100)
        existing = Tag.objects.filter(slug=slug).first() or Tag.objects.filter(name__iexact=name).first()
        if existing:
            self.report.count("tags", "unchanged")
            return existing.pk
        self.report.count("tags", "imported")
        return Tag.objects.create(name=name, slug=slug).pk

    def _section_for(self, item: wxr.Item) -> int:
        for slug, name in item.terms("category"):
            if slug in self.sections:
                return self.sections[slug]
            # A category the export's header did not declare (a partial export): made by its name.
            self.sections[slug] = self._section(wxr.Term("category", 0, slug, name), None)
            return self.sections[slug]
        if self.default_section is None:
            section = Section.objects.filter(slug="uncategorized").first() or Section.objects.create(
                name="Uncategorized", slug="uncategorized"
            )
            self.default_section = section.pk
        return self.default_section

    def _tags_for(self, item: wxr.Item) -> list[int]:
        found = []
        # Categories after the first have no section to be: they become tags, so none is lost.
        for slug, name in [*item.terms("post_tag"), *item.terms("category")[1:]]:
            if slug not in self.tags:
                self.tags[slug] = self._tag(slug, name, None)
            found.append(self.tags[slug])
        return list(dict.fromkeys(found))

    # --- attachments ----------------------------------------------------------------------------

    def import_attachments(self, items: list[wxr.Item]) -> None:
        rows = self._rows(Kind.ATTACHMENT, [item.wp_id for item in items])
        for item in items:
            self.done["attachments"] += 1
            digest = item.digest()
            row = rows.get(item.wp_id)
            image = Image.objects.filter(pk=row.object_id).first() if row and row.object_id else None
            if image is not None:
                alt, caption = self._picture_text(item)
                if row.digest != digest:
                    image.alt, image.caption = alt, caption
                    image.save(update_fields=["alt", "caption"])
                    row.digest = digest
                    row.save(update_fields=["digest", "updated_at"])
                    self.report.count("pictures", "updated")
                else:
                    self.report.count("pictures", "unchanged")
            else:
                image = self._new_picture(item)
                if image is None:
                    continue
                row = self._remember(Kind.ATTACHMENT, item.wp_id, image.pk, digest, wp_parent=item.parent_id)
                self._addresses(row, [self._old_path(item.attachment_url), self._old_path(item.link)])
            self.picture_ids[item.wp_id] = image.pk
            self.picture_keys[wp_body.upload_key(item.attachment_url or item.guid)] = image.pk
            if item.parent_id:
                self.pictures_of_post[item.parent_id].append(image.pk)
        self.progress.show(self.done, self.totals)

    def _picture_text(self, item: wxr.Item) -> tuple[str, str]:
        alt = " ".join(item.meta.get("_wp_attachment_image_alt", "").split())
        if not alt:
            alt = html.unescape(item.title).strip()
            self.report.warn("alt text", "a picture had no alt text: its title stands in", f"attachment {item.wp_id}")
        caption = " ".join(wp_body.plain_text(item.excerpt).split())
        if len(caption) > 300:
            self.report.warn(
                "caption", "a caption longer than 300 characters was shortened", f"attachment {item.wp_id}"
            )
        return alt[:300] or "Picture", caption[:300]

    def _new_picture(self, item: wxr.Item) -> Image | None:
        relative = relative_path(item)
        where = f"attachment {item.wp_id} ({relative})"
        if relative.rsplit(".", 1)[-1].lower() not in PICTURE_EXTENSIONS:
            self.report.skip("pictures", "not a picture (the media library keeps pictures only)", where)
            return None
        if self.options.media is None:
            self.report.skip("pictures", "no --media-from or --media-base given", where)
            return None
        alt, caption = self._picture_text(item)
        try:
            data = self.options.media.read(relative)
            picture = processing.open_upload(SimpleUploadedFile(relative.rsplit("/", 1)[-1], data))
            image = image_create(picture=picture, alt=alt, caption=caption)
        except MediaError as error:
            self.report.skip("pictures", "could not be read", f"{where}: {error}")
            return None
        except ValidationError as error:
            self.report.skip("pictures", "refused by the media library", f"{where}: {' '.join(error.messages)}")
            return None
        self.stored_files.extend([image.file.name, *(data["name"] for data in image.renditions)])
        self.report.count("pictures", "imported")
        return image

    # --- posts and everything else --------------------------------------------------------------

    def import_items(self, items: list[wxr.Item]) -> None:
        posts = []
        for item in items:
            self._report_meta(item)
            if item.post_type == "post":
                posts.append(item)
            elif item.post_type == "page":
                self.report.page(html.unescape(item.title), self._old_path(item.link), item.status)
                self._remember(Kind.PAGE, item.wp_id, None, item.digest())
            elif item.post_type == "nav_menu_item":
                self.report.note("menus", "menu items")
            else:
                self.report.note("custom post types", item.post_type)
        if not posts:
            return
        rows = self._rows(Kind.POST, [item.wp_id for item in posts])
        comment_rows = {
            row.wp_id: row
            for row in ImportedObject.objects.filter(
                site=self.site, kind=Kind.COMMENT, wp_parent__in=[item.wp_id for item in posts]
            )
        }
        versions = dict(
            Article.objects.filter(pk__in=[row.object_id for row in rows.values() if row.object_id]).values_list(
                "pk", "lock_version"
            )
        )
        self._load_pictures(posts)
        changed: list[int] = []
        fresh: list[tuple[wxr.Item, Article]] = []
        article_ids: dict[int, int | None] = {}
        for item in posts:
            self.done["posts"] += 1
            article_ids[item.wp_id] = self._post(item, rows.get(item.wp_id), versions, changed, fresh)
        if fresh:
            self._create(fresh, rows)
            for item, article in fresh:
                article_ids[item.wp_id] = article.pk
                changed.append(article.pk)
        comments = CommentBatch(self)
        for item in posts:
            if article_ids[item.wp_id] is not None:
                comments.add(item, article_ids[item.wp_id], comment_rows)
            else:
                self.done["comments"] += len(item.comments)
                if item.comments:
                    self.report.skip("comments", "their post was not imported", n=len(item.comments))
        comments.save()
        if changed:
            # The bulk writes sent no signals: the search documents and the page cache, once a batch.
            update_search_vectors(changed)
            signals.content_changed.send(sender=Article, dependencies=[pages.CONTENT])
        self.progress.show(self.done, self.totals)

    def _report_meta(self, item: wxr.Item) -> None:
        for key in item.meta:
            if key not in KNOWN_META:
                self.report.note("unknown meta", key)

    def _load_pictures(self, posts: list[wxr.Item]) -> None:
        """Make sure the pictures the batch's bodies name are known (a re-run after an interruption)."""
        ids: set[int] = set()
        for item in posts:
            found, _ = wp_body.references(item.content)
            ids |= found
            if item.meta.get("_thumbnail_id", "").isdigit():
                ids.add(int(item.meta["_thumbnail_id"]))
        missing = ids - self.picture_ids.keys()
        for row in ImportedObject.objects.filter(site=self.site, kind=Kind.ATTACHMENT, wp_id__in=missing):
            if row.object_id:
                self.picture_ids[row.wp_id] = row.object_id

    def _post(
        self,
        item: wxr.Item,
        row: ImportedObject | None,
        versions: dict[int, int],
        changed: list[int],
        fresh: list[tuple[wxr.Item, Article]],
    ) -> int | None:
        """The article `item` is, as it stands after this: unchanged, updated, or (in `fresh`) to be created."""
        where = f"post {item.wp_id}"
        if item.status in SKIPPED_POST_STATUSES:
            self.report.skip("articles", SKIPPED_POST_STATUSES[item.status], where)
            return None
        digest = item.digest()
        article_id = row.object_id if row else None
        if article_id is not None and article_id not in versions:
            article_id = None  # deleted here since: imported again
        if article_id is None:
            article = Article(kind=Article.Kind.ESSAY)
            self._fill(article, item)
            fresh.append((item, article))
            return None
        if row.digest == digest:
            self.report.count("articles", "unchanged")
            return article_id
        if versions[article_id] != row.local_version:
            self.report.skip("articles", "edited on this site since the last import: kept as it is", where)
            return article_id
        article = Article.objects.get(pk=article_id)
        self._fill(article, item)
        with reversion.create_revision(atomic=False):
            write_article(article)
            self._bylines(article, item)
            self._article_tags(article, item)
            reversion.set_comment("Updated from WordPress")
            reversion.add_to_revision(article)
        if item.is_sticky:
            FeaturedArticle.objects.get_or_create(article=article)
        self.report.count("articles", "updated")
        row = self._remember(Kind.POST, item.wp_id, article.pk, digest, local_version=article.lock_version)
        self._addresses(row, self._post_paths(item))
        changed.append(article.pk)
        return article.pk

    def _create(self, fresh: list[tuple[wxr.Item, Article]], rows: dict[int, ImportedObject]) -> None:
        """Write a batch's new articles with a few bulk INSERTs, deriving what writing each one would."""
        self._unique_slugs([article for _, article in fresh])
        for _, article in fresh:
            _derive(article)
        Article.objects.bulk_create([article for _, article in fresh])
        FormerSlug.objects.filter(slug__in=[article.slug for _, article in fresh]).delete()
        author_ids = {item.wp_id: self._author_for(item) for item, _ in fresh}
        authors = Author.objects.in_bulk({pk for pk in author_ids.values() if pk})
        tag_ids = {item.wp_id: self._tags_for(item) for item, _ in fresh}
        tags = Tag.objects.in_bulk({pk for pks in tag_ids.values() for pk in pks})
        bylines = {
            item.wp_id: [ArticleAuthor(article=article, author=authors[author_ids[item.wp_id]], order=0)]
            if author_ids[item.wp_id]
            else []
            for item, article in fresh
        }
        tagged = {
            item.wp_id: [TaggedItem(content_object=article, tag=tags[pk]) for pk in tag_ids[item.wp_id]]
            for item, article in fresh
        }
        ArticleAuthor.objects.bulk_create([link for links in bylines.values() for link in links])
        TaggedItem.objects.bulk_create([link for links in tagged.values() for link in links])
        FeaturedArticle.objects.bulk_create(
            [FeaturedArticle(article=article) for item, article in fresh if item.is_sticky], ignore_conflicts=True
        )
        history.first_revisions(
            [[article, *bylines[item.wp_id], *tagged[item.wp_id]] for item, article in fresh], comment=IMPORTED
        )
        stale, new = [], []
        for item, article in fresh:
            row = rows.get(item.wp_id)
            if row is None:
                row = ImportedObject(site=self.site, kind=Kind.POST, wp_id=item.wp_id)
                new.append(row)
            else:
                stale.append(row)
            row.object_id, row.digest, row.local_version = article.pk, item.digest(), article.lock_version
        ImportedObject.objects.bulk_create(new)
        ImportedObject.objects.bulk_update(stale, ["object_id", "digest", "local_version"])
        by_wp_id = {row.wp_id: row for row in [*new, *stale]}
        OldAddress.objects.bulk_create(
            [
                OldAddress(path=path[:500], imported=by_wp_id[item.wp_id])
                for item, _ in fresh
                for path in set(self._post_paths(item))
                if path and path != "/"
            ],
            ignore_conflicts=True,
        )
        self.report.count("articles", "imported", len(fresh))

    def _unique_slugs(self, articles: list[Article]) -> None:
        wanted = [article.slug for article in articles]
        taken = set(Article.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        taken |= set(FormerSlug.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        for article in articles:
            base, n = article.slug, 1
            while article.slug in taken or (n > 1 and _slug_in_use(article.slug)):
                n += 1
                article.slug = f"{base}-{n}"
            taken.add(article.slug)

    def _post_paths(self, item: wxr.Item) -> list[str]:
        paths = [self._old_path(item.link)]
        old_slug = item.meta.get("_wp_old_slug", "")
        if old_slug and item.name and paths[0].rstrip("/").endswith(item.name):
            paths.append(paths[0].rstrip("/")[: -len(item.name)] + old_slug.lower() + "/")
        return paths

    def _fill(self, article: Article, item: wxr.Item) -> None:
        where = f"post {item.wp_id}"
        title = " ".join(html.unescape(wp_body.strip_tags(item.title)).split())
        if not title:
            title = "(untitled)"
            self.report.warn("title", "a post without a title", where)
        if len(title) > 300:
            self.report.warn("title", "a title longer than 300 characters was shortened", where)
        article.title = title[:300]
        if not article.slug:
            article.slug = ascii_slug(unquote(item.name))[:190] or ascii_slug(title)[:190] or f"post-{item.wp_id}"
        dek = " ".join(wp_body.plain_text(item.excerpt).split())
        if len(dek) > 400:
            self.report.warn("dek", "an excerpt longer than 400 characters was shortened", where)
            dek = dek[:399].rsplit(" ", 1)[0] + "…"
        article.dek = dek
        article.section_id = self._section_for(item)
        article.body = self._body(item)
        thumbnail = item.meta.get("_thumbnail_id", "")
        article.hero_id = self.picture_ids.get(int(thumbnail)) if thumbnail.isdigit() else None
        if thumbnail.isdigit() and article.hero_id is None:
            self.report.warn("picture", f"featured image {thumbnail} is not in the media library", where)
        article.comment_mode = (
            Article.CommentMode.CLOSED if item.comment_status == "closed" else Article.CommentMode.DEFAULT
        )
        when = self.when(item.post_date, item.post_date_gmt)
        article.status, article.publish_at = self._status(item, when)

    def _status(self, item: wxr.Item, when: datetime.datetime | None) -> tuple[str, datetime.datetime | None]:
        status = item.status
        if item.password and status in ("publish", "future"):
            self.report.warn("status", "a password-protected post became a draft", f"post {item.wp_id}")
            return Article.Status.DRAFT, None
        if status in ("publish", "future"):
            # A future time makes a published article scheduled: it appears by itself then.
            return Article.Status.PUBLISHED, when or timezone.now()
        if status == "pending":
            # A draft's date in WordPress is when it was last saved, not a publish time.
            return Article.Status.REVIEW, None
        if status == "private":
            # Private posts were for the site's logins only: here they are unpublished (not public).
            return Article.Status.ARCHIVED, when
        if status != "draft":
            self.report.warn("status", f"an unknown status “{status}” became a draft", f"post {item.wp_id}")
        return Article.Status.DRAFT, None

    def _body(self, item: wxr.Item) -> str:
        """The post's body converted and sanitised; a body that cannot be is kept as plain text, with a warning."""
        pictures = wp_body.Pictures(
            by_id=self.picture_ids,
            by_key=self.picture_keys,
            of_parent=lambda: self.pictures_of_post.get(item.wp_id, []),
        )
        where = f"post {item.wp_id}"
        try:
            converted = wp_body.convert(item.content, pictures)
            cleaned = wp_body.clean(converted.html)
        except Exception as error:  # noqa: BLE001  (one bad body must not stop a magazine's import)
            self.report.warn(
                "body", f"the body could not be cleaned ({type(error).__name__}): kept as plain text", where
            )
            return _as_paragraphs(item.content)
        for kind, detail in converted.warnings:
            self.report.warn(kind, detail, where)
        for image_id, caption in converted.captions.items():
            if caption:
                Image.objects.filter(pk=image_id, caption="").update(caption=caption[:300])
        return cleaned

    def _author_for(self, item: wxr.Item) -> int | None:
        author_id = self.authors.get(item.creator)
        if author_id is None and item.creator:
            author = Author.objects.create(name=item.creator[:200], slug=_unique_slug(Author, item.creator, 200))
            self.authors[item.creator] = author_id = author.pk
            self.report.count("authors", "imported")
            self.report.warn(
                "author", f"{item.creator} was not among the export's authors: added", f"post {item.wp_id}"
            )
        return author_id

    def _bylines(self, article: Article, item: wxr.Item) -> None:
        author_id = self._author_for(item)
        current = list(article.article_authors.values_list("author_id", flat=True))
        wanted = [author_id] if author_id else []
        if current != wanted:
            article.article_authors.all().delete()
            for pk in wanted:
                ArticleAuthor.objects.create(article=article, author_id=pk)

    def _article_tags(self, article: Article, item: wxr.Item) -> None:
        wanted = self._tags_for(item)
        if set(article.tags.values_list("pk", flat=True)) != set(wanted):
            article.tags.set(list(Tag.objects.filter(pk__in=wanted)))


def _derive(article: Article) -> None:
    """What writing an article derives for a new one (its body arrives sanitised already).

    The bulk path cannot call save(); tests/wordpress check that saving an imported article
    afterwards changes none of these.
    """
    derive_for_bulk(article)
    article.lock_version = 1


def _slug_in_use(slug: str) -> bool:
    return Article.objects.filter(slug=slug).exists() or FormerSlug.objects.filter(slug=slug).exists()


def _wp_slug(login: str) -> str:
    """WordPress's user_nicename for a login: what /author/<nicename>/ used."""
    return slugify(login) or login.lower()


def _chain(slug: str, parents: dict[str, str]) -> list[str]:
    chain = [slug]
    while parents.get(chain[0]) and parents[chain[0]] not in chain and len(chain) < 20:
        chain.insert(0, parents[chain[0]])
    return chain


# Letters that Unicode does not decompose into a Latin letter and an accent, so slugify would drop them.
_LATIN = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d",
                        "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"})  # fmt: skip


def ascii_slug(text: str) -> str:
    """A slug our addresses take (ASCII letters, digits, hyphens): "Tomás Øvrebø" is tomas-ovrebo."""
    return slugify(text.translate(_LATIN))


def _unique_slug(model, text: str, length: int) -> str:
    base = ascii_slug(text)[: length - 10] or "imported"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _as_paragraphs(content: str) -> str:
    """A body the sanitiser could not take, as escaped paragraphs of its words (scripts and styles left out)."""
    content = re.sub(r"<(script|style)\b.*?</\1\s*>", "", content or "", flags=re.DOTALL | re.IGNORECASE)
    text = wp_body.plain_text(content)
    return "".join(f"<p>{html.escape(part.strip())}</p>" for part in re.split(r"\n\s*\n", text) if part.strip())
