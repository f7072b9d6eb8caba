"""The site: the pages sopdocs generates, rendered through the Jinja templates, and the
stylesheets and scripts they need. Knows nothing of MkDocs."""
