"""The desk's roles; the groups themselves are created by desk/migrations/0001_roles.py."""

CONTRIBUTOR = "Contributor"
EDITOR = "Editor"
MODERATOR = "Moderator"
