"""The Django project: web pages and the JSON API, thin faces over the `rarelight` core."""
