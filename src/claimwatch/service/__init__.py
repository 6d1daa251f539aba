"""The application service: what every interface (CLI, web app, batch runner, Python
API) calls. ``runs`` adds and re-extracts documents, ``links`` keeps the cross-document
index current and reads talking points, stories and findings, ``queries`` reads claims,
quotes and people."""
