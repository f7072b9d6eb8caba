"""The catalogue as a whole: keterkaitan resolved both ways, regulation and pelaksana
indexes, and ``katalog.json`` (the catalogue as open data)."""
