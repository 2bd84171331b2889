"""Editors at work: the admin, the moderation decisions (publish, reject, return to draft, archive), the Editors
group."""
