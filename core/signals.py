"""Signals domain apps send so that the layers above them can follow, without being imported.

`content_changed(sender, dependencies)`: what readers see changed in a way no model signal
tells (a queryset update, an import's bulk writes); `dependencies` are core/pages.py's names
(CONTENT, `comments_of(article_id)`). The page cache listens (front/invalidation.py). A
model's own saves and deletes need no call: the page cache listens to those too.
"""

from django.dispatch import Signal

content_changed = Signal()
