"""The site's plumbing: settings, URLs, WSGI, middleware, database selection and the embedded
server, caching, throttling, the production server."""
