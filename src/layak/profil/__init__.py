"""Profil Anak: the stored cube of child counts per region and year, its imports (from the
command line or in the background from the web), and the pages and document built on it."""
