"""The editors' workflow: upload, background import, review, fixes, repeats, publishing."""
