"""Citation formats for conference papers: GOST R 7.0.100-2018, GOST 7.1-2003, GOST R 7.0.5-2008,
APA 7, BibTeX, RIS, CSL-JSON, CSV and a .docx reference list.

Pure functions over `CitationRecord`s (no queries, no views); `render.py` is the one place that
turns Articles into records for the views. The rules are in shared/reference/citations.md.
"""
