"""sopdocs' Jinja templates; a package only so that ``importlib.resources`` can find them."""
