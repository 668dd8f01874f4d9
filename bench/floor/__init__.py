"""The framework floor: the least a Django app can do to serve the Anora essay.

One view, one query for the article's row, one template. It answers what the magazine's own
stack costs on top of Django itself: bench/run.py serves it with the same gunicorn settings.
"""
