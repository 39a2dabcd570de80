"""The resident's pages, split by where they are: `public` (home, the idea form and its
confirmation, the gallery, staff's assisted intake), `mine` (Mijn idee behind the private
link), `followups` (answers to a survey or a check-in), `files` (downloads, kept files)."""
