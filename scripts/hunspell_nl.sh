#!/usr/bin/env bash
# Place Debian's Dutch Hunspell dictionary (package hunspell-nl, OpenTaal) in
# PostgreSQL's tsearch_data as nl_opentaal.dict / nl_opentaal.affix, for the
# Ispell dictionary that `python -m bench compounds` measures against the
# frequency split (initiatives.vocabulary). PostgreSQL's Ispell reader does not
# know Hunspell's "\/" escape nor single-letter flags in a "FLAG long" file, so
# the few entries with those are left out (about 20 of 180,000).
# Needs root (the share directory belongs to root); does nothing without the
# package. Idempotent.
set -euo pipefail

src=/usr/share/hunspell
[[ -f "$src/nl.dic" && -f "$src/nl.aff" ]] || {
    echo "hunspell-nl is not installed: skipping the Dutch Ispell dictionary" >&2
    exit 0
}
shopt -s nullglob
dirs=(/usr/share/postgresql/*/tsearch_data)
((${#dirs[@]})) || {
    echo "no PostgreSQL tsearch_data directory found" >&2
    exit 0
}
for dir in "${dirs[@]}"; do
    [[ -f "$dir/nl_opentaal.dict" && "$dir/nl_opentaal.dict" -nt "$src/nl.dic" ]] && continue
    cp "$src/nl.aff" "$dir/nl_opentaal.affix"
    # Keep the count line, words without flags, and flags of an even length.
    awk '!/\\\//' "$src/nl.dic" |
        awk -F/ 'NR == 1 || NF == 1 || (NF == 2 && length($2) % 2 == 0)' >"$dir/nl_opentaal.dict"
    echo "Dutch Ispell dictionary placed in $dir" >&2
done
