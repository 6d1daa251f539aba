"""The web app and JSON API of ``claimwatch serve`` (see ``app.py``)."""
