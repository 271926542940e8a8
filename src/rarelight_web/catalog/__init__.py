"""The catalogue app: disease pages, search, the clinician one-pager, and the diseases API."""
